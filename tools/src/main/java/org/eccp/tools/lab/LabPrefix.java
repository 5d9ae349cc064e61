package org.eccp.tools.lab;

import java.util.regex.Pattern;

/**
 * The prefix of every namespace a lab makes, such as {@code eccp-} (namespace {@code eccp-client}).
 * The lab's name is the prefix without its final dash; it names the state directory.
 */
public record LabPrefix(String value) {

  public static final String DEFAULT = "eccp-";

  /** Prefix that test labs use; {@code eccp lab down --all-test-labs} removes those labs. */
  public static final String TEST = "eccpt-";

  /** Lower-case words joined and ended by dashes, so a namespace name never needs quoting. */
  private static final Pattern VALID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*-");

  private static final int MAX_LENGTH = 32;

  public LabPrefix {
    if (!isValid(value)) {
      throw new IllegalArgumentException("invalid lab prefix '" + value + "': " + RULE);
    }
  }

  /** The rule a prefix must follow, for error messages. */
  public static final String RULE =
      "use lower-case letters, digits and dashes, start with a letter, end with a dash and keep to "
          + MAX_LENGTH + " characters (for example eccp- or eccpt-ab12-)";

  /** Returns whether {@code value} is a usable prefix. */
  public static boolean isValid(String value) {
    return value != null && value.length() <= MAX_LENGTH && VALID.matcher(value).matches();
  }

  /** Returns the lab's name: the prefix without its final dash. */
  public String labName() {
    return value.substring(0, value.length() - 1);
  }

  /** Returns the namespace name for {@code role} (client, server or router). */
  public String namespace(String role) {
    return value + role;
  }

  /**
   * Returns whether {@code namespace} belongs to this lab: the prefix followed by one word with no
   * dash. So the lab {@code eccp-} never claims {@code eccp-x-client}, which belongs to {@code eccp-x-}.
   */
  public boolean owns(String namespace) {
    if (!namespace.startsWith(value)) {
      return false;
    }
    String rest = namespace.substring(value.length());
    return !rest.isEmpty() && rest.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'));
  }
}

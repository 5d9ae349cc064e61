package org.eccp.tools.lab;

import java.math.BigDecimal;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a lab option's number written in plain decimal (such as 0.125 or 60000). Hexadecimal,
 * exponents, NaN and Infinity, which {@link Double#valueOf} would take, are rejected, and so is a
 * number too large to echo back exactly.
 */
public final class DecimalConverter implements ITypeConverter<Double> {
  private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)");
  /** Largest magnitude accepted: every knob's limit is far below it, and a double represents it exactly. */
  private static final BigDecimal LARGEST = BigDecimal.valueOf(1_000_000_000_000L);

  @Override
  public Double convert(String text) {
    if (!DECIMAL.matcher(text).matches()) {
      throw new TypeConversionException("'" + text + "' is not a decimal number: write digits with"
          + " an optional decimal point, such as 0.125");
    }
    BigDecimal value = new BigDecimal(text);
    if (value.abs().compareTo(LARGEST) > 0) {
      throw new TypeConversionException("'" + text + "' is out of range: see eccp lab impair"
          + " --help for each option's range");
    }
    return value.doubleValue();
  }
}

package fi.silta.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DecimalsTest {

    @ParameterizedTest(name = "[{0}] -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            1 234,50        | 1234.50
            1234,5          | 1234.50
            1234.5          | 1234.50
            0,1             | 0.10
            0               | 0.00
            12              | 12.00
            1 234 €         | 1234.00
            €1234           | 1234.00
            1 234 EUR       | 1234.00
            1\u00a0234,50   | 1234.50
            1\u202f234,50   | 1234.50
            1\u2009234      | 1234.00
            1 234 567,89    | 1234567.89
            '  42,00  '     | 42.00
            1,23            | 1.23
            100.00          | 100.00
            """)
    void readsMoney(String typed, String expected) {
        Decimals.Result result = Decimals.money(typed, false);
        assertThat(result.problem()).isNull();
        assertThat(result.value()).isEqualTo(new BigDecimal(expected));
        assertThat(result.value().scale()).isEqualTo(2);
    }

    @ParameterizedTest(name = "[{0}] refused: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            abc          | FORMAT
            ''           | FORMAT
            12 50        | FORMAT
            1 2345       | FORMAT
            1.234,50     | FORMAT
            1,234.50     | FORMAT
            1.234.567    | FORMAT
            ,5           | FORMAT
            5,           | FORMAT
            1e3          | FORMAT
            12,345       | AMBIGUOUS
            1,234        | AMBIGUOUS
            1.234        | AMBIGUOUS
            1234,567     | DECIMALS
            1,2345       | DECIMALS
            1 234,567    | DECIMALS
            -5           | NEGATIVE
            \u22125      | NEGATIVE
            1234567890123456 | FORMAT
            """)
    void refusesMoney(String typed, Decimals.Problem problem) {
        Decimals.Result result = Decimals.money(typed, false);
        assertThat(result.value()).isNull();
        assertThat(result.problem()).isEqualTo(problem);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            -5        | -5.00
            -1 234,50 | -1234.50
            -0        | 0.00
            """)
    void negativeMoneyWhenAllowed(String typed, String expected) {
        assertThat(Decimals.money(typed, true).value()).isEqualTo(new BigDecimal(expected));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            12,5     | 12.5
            1,234    | 1.234
            1 000    | 1000
            -3       | -3
            0,000001 | 0.000001
            """)
    void numbersWithAnyDecimals(String typed, String expected) {
        assertThat(Decimals.parse(typed, null, true).value()).isEqualTo(new BigDecimal(expected));
    }
}

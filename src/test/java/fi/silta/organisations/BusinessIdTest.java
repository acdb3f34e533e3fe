package fi.silta.organisations;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BusinessIdTest {

    @ParameterizedTest
    @ValueSource(strings = {"2145876-6", "1234567-1", "0737546-2", "737546-2", " 2456318-2 "})
    void acceptsValidIds(String id) {
        assertThat(BusinessId.isValid(id)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2145876-5", "1234567-2", "1876543-0", "12345678", "1234567", "abcdefg-1", "", "1234567-11"})
    void refusesInvalidIds(String id) {
        assertThat(BusinessId.isValid(id)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void remainderOneIsNeverValid() {
        // 1000008: weighted sum 1*7 + 8*2 = 23, 23 mod 11 = 1: no check digit makes it valid
        for (int check = 0; check <= 9; check++) {
            assertThat(BusinessId.isValid("1000008-" + check)).isFalse();
        }
    }

    @org.junit.jupiter.api.Test
    void normalisesTheOldSixDigitForm() {
        assertThat(BusinessId.normalise("737546-2")).isEqualTo("0737546-2");
        assertThat(BusinessId.normalise(null)).isNull();
    }
}

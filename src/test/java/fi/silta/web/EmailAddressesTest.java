package fi.silta.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EmailAddressesTest {

    @Test
    void keepsAddressesTrimmedInLowerCaseWithTheDomainInUnicode() {
        assertThat(EmailAddresses.normalise("  Info@Äänekoski.FI ")).isEqualTo("info@äänekoski.fi");
        assertThat(EmailAddresses.normalise("info@xn--nekoski-4waa.fi")).isEqualTo("info@äänekoski.fi");
        assertThat(EmailAddresses.normalise("anna.andersson+silta@förening.ax")).isEqualTo("anna.andersson+silta@förening.ax");
        assertThat(EmailAddresses.normalise("matti@yhdistys.fi")).isEqualTo("matti@yhdistys.fi");
    }

    @Test
    void sendsTheDomainInPunycode() {
        assertThat(EmailAddresses.forSmtp("info@äänekoski.fi")).isEqualTo("info@xn--nekoski-4waa.fi");
        assertThat(EmailAddresses.forSmtp("matti@yhdistys.fi")).isEqualTo("matti@yhdistys.fi");
        assertThatThrownBy(() -> EmailAddresses.forSmtp("no address")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesWhatIsNoAddressAndNamesANonAsciiLocalPart() {
        for (String bad : new String[] {"", "matti", "@yhdistys.fi", "matti@", "matti@yhdistys", "matti@@yhdistys.fi",
                "mat ti@yhdistys.fi", "matti@yhdis tys.fi", ".matti@yhdistys.fi", "mat..ti@yhdistys.fi",
                "matti@-yhdistys.fi", "matti\u0000@yhdistys.fi", "matti@yhdistys.fi\u202e", "matti@yhdistys..fi"}) {
            assertThat(EmailAddresses.normalise(bad)).as(bad).isNull();
            assertThat(EmailAddresses.problem(bad)).as(bad).isEqualTo(EmailAddresses.INVALID);
        }
        assertThat(EmailAddresses.problem("matti.meikäläinen@yhdistys.fi")).isEqualTo(EmailAddresses.LOCAL_PART);
        assertThat(EmailAddresses.problem("matti@yhdistys.fi")).isNull();
    }
}

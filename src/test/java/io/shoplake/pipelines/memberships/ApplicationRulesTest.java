package io.shoplake.pipelines.memberships;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApplicationRulesTest {

    private static final LocalDate AS_OF = LocalDate.of(2022, 1, 1);

    @Test
    void namesLoseSalutationsAndSuffixesAndSplitIntoFirstMiddleLast() {
        assertThat(PersonName.parse("Mr. Larry Grimes MD")).contains(new PersonName("Larry", "", "Grimes"));
        assertThat(PersonName.parse("Dr. Anna Maria de Souza PhD"))
                .contains(new PersonName("Anna", "Maria de", "Souza"));
        assertThat(PersonName.parse("  Miss   Jane  Doe Jr. ")).contains(new PersonName("Jane", "", "Doe"));
        assertThat(PersonName.parse("Mrs Kim Lee, III")).contains(new PersonName("Kim", "", "Lee"));
        assertThat(PersonName.parse("Ms. Ann Ray Sr. DVM")).contains(new PersonName("Ann", "", "Ray"));
        assertThat(PersonName.parse("Sean Wang DDS")).contains(new PersonName("Sean", "", "Wang"));
        assertThat(PersonName.parse("John Smith II")).contains(new PersonName("John", "", "Smith"));
        assertThat(PersonName.parse("John Smith IV")).contains(new PersonName("John", "", "Smith"));
        // A salutation word inside a name is a name.
        assertThat(PersonName.parse("Ray Miss Hill")).contains(new PersonName("Ray", "Miss", "Hill"));
        assertThat(PersonName.parse("Cher")).contains(new PersonName("Cher", "", "Cher"));
        assertThat(PersonName.parse("Mr. PhD")).isEmpty();
        assertThat(PersonName.parse("   ")).isEmpty();
        assertThat(PersonName.parse(null)).isEmpty();
    }

    @Test
    void birthdaysInTheFourFormats() {
        LocalDate day = LocalDate.of(1973, 3, 14);
        assertThat(ApplicationRules.parseBirthday("1973-03-14")).isEqualTo(new ApplicationRules.Birthday.Valid(day));
        assertThat(ApplicationRules.parseBirthday("1973/03/14")).isEqualTo(new ApplicationRules.Birthday.Valid(day));
        assertThat(ApplicationRules.parseBirthday("14-03-1973")).isEqualTo(new ApplicationRules.Birthday.Valid(day));
        assertThat(ApplicationRules.parseBirthday("03/14/1973")).isEqualTo(new ApplicationRules.Birthday.Valid(day));
        // Dashes are day first, slashes month first: the same digits give different dates.
        assertThat(ApplicationRules.parseBirthday("01-02-1990"))
                .isEqualTo(new ApplicationRules.Birthday.Valid(LocalDate.of(1990, 2, 1)));
        assertThat(ApplicationRules.parseBirthday("01/02/1990"))
                .isEqualTo(new ApplicationRules.Birthday.Valid(LocalDate.of(1990, 1, 2)));
        assertThat(ApplicationRules.parseBirthday("1996/02/31"))
                .isEqualTo(new ApplicationRules.Birthday.Invalid(Reason.DATE_OF_BIRTH_IMPOSSIBLE));
        assertThat(ApplicationRules.parseBirthday("14/03/1973"))
                .isEqualTo(new ApplicationRules.Birthday.Invalid(Reason.DATE_OF_BIRTH_IMPOSSIBLE));
        assertThat(ApplicationRules.parseBirthday("1973.03.14"))
                .isEqualTo(new ApplicationRules.Birthday.Invalid(Reason.DATE_OF_BIRTH_FORMAT));
        assertThat(ApplicationRules.parseBirthday(""))
                .isEqualTo(new ApplicationRules.Birthday.Invalid(Reason.DATE_OF_BIRTH_MISSING));
        assertThat(ApplicationRules.birthdayOutOfRange(LocalDate.of(1819, 3, 1), AS_OF))
                .contains(Reason.DATE_OF_BIRTH_BEFORE_1900);
        assertThat(ApplicationRules.birthdayOutOfRange(LocalDate.of(1900, 1, 1), AS_OF))
                .isEmpty();
        assertThat(ApplicationRules.birthdayOutOfRange(LocalDate.of(2022, 1, 2), AS_OF))
                .contains(Reason.DATE_OF_BIRTH_AFTER_AS_OF);
        assertThat(ApplicationRules.birthdayOutOfRange(AS_OF, AS_OF)).isEmpty();
    }

    @Test
    void above18CountsTheEighteenthBirthdayItself() {
        assertThat(ApplicationRules.isAbove18(LocalDate.of(2004, 1, 1), AS_OF)).isTrue();
        assertThat(ApplicationRules.isAbove18(LocalDate.of(2004, 1, 2), AS_OF)).isFalse();
        assertThat(ApplicationRules.isAbove18(LocalDate.of(2003, 12, 31), AS_OF))
                .isTrue();
        // Born on 29 February: 18 on 28 February of a common year.
        assertThat(ApplicationRules.isAbove18(LocalDate.of(2004, 2, 29), LocalDate.of(2022, 2, 28)))
                .isTrue();
        assertThat(ApplicationRules.isAbove18(LocalDate.of(2004, 2, 29), LocalDate.of(2022, 2, 27)))
                .isFalse();
    }

    @Test
    void mobileNumbersAreEightDigitsOnceSpacesAndHyphensAreGone() {
        assertThat(ApplicationRules.isValidMobile("12345678")).isTrue();
        assertThat(ApplicationRules.isValidMobile("3631 6303")).isTrue();
        assertThat(ApplicationRules.isValidMobile("3631-6303")).isTrue();
        assertThat(ApplicationRules.isValidMobile("1234567")).isFalse();
        assertThat(ApplicationRules.isValidMobile("123456789")).isFalse();
        assertThat(ApplicationRules.isValidMobile("1234567a")).isFalse();
        assertThat(ApplicationRules.isValidMobile("+6512345678")).isFalse();
        assertThat(ApplicationRules.isValidMobile(null)).isFalse();
        assertThat(ApplicationRules.normaliseMobile("3631 6303")).isEqualTo("36316303");
    }

    @Test
    void emailsAreLocalAtDomainEndingInComOrNet() {
        assertThat(ApplicationRules.emailProblem("Kristen_Horn@lin.com")).isEmpty();
        assertThat(ApplicationRules.emailProblem("a.b@sub.example.NET")).isEmpty();
        assertThat(ApplicationRules.emailProblem("Mary_Ball@stevens.biz")).contains(Reason.EMAIL_DOMAIN_NOT_COM_OR_NET);
        assertThat(ApplicationRules.emailProblem("x@y.org")).contains(Reason.EMAIL_DOMAIN_NOT_COM_OR_NET);
        for (String bad : List.of("no-at.com", "a@@b.com", "a@b@c.com", "a b@c.com", "@c.com", "a@.com", "a@com", "")) {
            assertThat(ApplicationRules.emailProblem(bad)).as(bad).contains(Reason.EMAIL_INVALID);
        }
    }

    @Test
    void membershipIdIsLastNameAndTheFirstFiveHexOfTheBirthdaysSha256() throws Exception {
        assertThat(ApplicationRules.membershipId("Wang", LocalDate.of(1960, 3, 11)))
                .isEqualTo("Wang_" + sha256Hex("19600311").substring(0, 5));
        // `printf 19600311 | sha256sum` starts 04168617...
        assertThat(ApplicationRules.membershipId("Wang", LocalDate.of(1960, 3, 11)))
                .isEqualTo("Wang_04168");
    }

    @Test
    void anApplicationCollectsEveryReason() throws Exception {
        CheckedApplication bad = CheckedApplication.check("Mr.", "x@y.org", "12/31/2005", "966177", AS_OF);
        assertThat(bad.reasons())
                .containsExactly(
                        Reason.NAME_MISSING,
                        Reason.UNDER_18,
                        Reason.MOBILE_NOT_8_DIGITS,
                        Reason.EMAIL_DOMAIN_NOT_COM_OR_NET);
        assertThat(bad.membershipId()).isEmpty();
        assertThat(bad.above18()).contains(false);

        CheckedApplication good =
                CheckedApplication.check("Dr. Sean Wang DDS", "Sean_Wang@gibson.com", "1960-03-11", "2559 5367", AS_OF);
        assertThat(good.successful()).isTrue();
        assertThat(good.mobileNo()).isEqualTo("25595367");
        assertThat(good.birthday()).contains(LocalDate.of(1960, 3, 11));
        assertThat(good.membershipId())
                .isEqualTo(Optional.of("Wang_" + sha256Hex("19600311").substring(0, 5)));

        CheckedApplication impossible =
                CheckedApplication.check("Lori Torres", "Lori_Torres@hill.net", "1996/02/31", "5795175", AS_OF);
        assertThat(impossible.reasons()).containsExactly(Reason.DATE_OF_BIRTH_IMPOSSIBLE, Reason.MOBILE_NOT_8_DIGITS);
        assertThat(impossible.above18()).isEmpty();
    }

    static String sha256Hex(String text) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.US_ASCII));
        StringBuilder hex = new StringBuilder();
        for (byte b : digest) {
            hex.append(String.format("%02x", b));
        }
        return hex.toString();
    }
}

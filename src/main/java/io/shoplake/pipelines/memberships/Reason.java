package io.shoplake.pipelines.memberships;

/** Why an application is unsuccessful; the code is what silver.applications and the exports carry. */
public enum Reason {
    NAME_MISSING("name_missing"),
    DATE_OF_BIRTH_MISSING("date_of_birth_missing"),
    DATE_OF_BIRTH_FORMAT("date_of_birth_format"),
    DATE_OF_BIRTH_IMPOSSIBLE("date_of_birth_impossible"),
    DATE_OF_BIRTH_BEFORE_1900("date_of_birth_before_1900"),
    DATE_OF_BIRTH_AFTER_AS_OF("date_of_birth_after_as_of"),
    UNDER_18("under_18"),
    MOBILE_NOT_8_DIGITS("mobile_not_8_digits"),
    EMAIL_INVALID("email_invalid"),
    EMAIL_DOMAIN_NOT_COM_OR_NET("email_domain_not_com_or_net");

    private final String code;

    Reason(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}

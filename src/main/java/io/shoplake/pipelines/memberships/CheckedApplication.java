package io.shoplake.pipelines.memberships;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One application after validation and formatting: the name split, the birthday as a date, {@code above_18} on the
 * as-of date, the mobile number's digits, the membership id (successful applications only), and every reason it is
 * unsuccessful (none when successful).
 */
public record CheckedApplication(
        Optional<PersonName> name,
        Optional<LocalDate> birthday,
        Optional<Boolean> above18,
        String mobileNo,
        Optional<String> membershipId,
        List<Reason> reasons) {

    public CheckedApplication {
        requireNonNull(name, "name is null");
        requireNonNull(birthday, "birthday is null");
        requireNonNull(above18, "above18 is null");
        requireNonNull(membershipId, "membershipId is null");
        reasons = List.copyOf(requireNonNull(reasons, "reasons is null"));
    }

    public boolean successful() {
        return reasons.isEmpty();
    }

    /** Applies every rule of {@link ApplicationRules} to the four fields of an application. */
    public static CheckedApplication check(
            String name, String email, String dateOfBirth, String mobileNo, LocalDate asOf) {
        requireNonNull(asOf, "asOf is null");
        List<Reason> reasons = new ArrayList<>();
        Optional<PersonName> person = PersonName.parse(name);
        if (person.isEmpty()) {
            reasons.add(Reason.NAME_MISSING);
        }
        Optional<LocalDate> birthday = Optional.empty();
        Optional<Boolean> above18 = Optional.empty();
        ApplicationRules.Birthday parsed = ApplicationRules.parseBirthday(dateOfBirth);
        if (parsed instanceof ApplicationRules.Birthday.Invalid invalid) {
            reasons.add(invalid.reason());
        } else if (parsed instanceof ApplicationRules.Birthday.Valid valid) {
            Optional<Reason> outOfRange = ApplicationRules.birthdayOutOfRange(valid.date(), asOf);
            if (outOfRange.isPresent()) {
                reasons.add(outOfRange.get());
            } else {
                birthday = Optional.of(valid.date());
                above18 = Optional.of(ApplicationRules.isAbove18(valid.date(), asOf));
                if (!above18.get()) {
                    reasons.add(Reason.UNDER_18);
                }
            }
        }
        if (!ApplicationRules.isValidMobile(mobileNo)) {
            reasons.add(Reason.MOBILE_NOT_8_DIGITS);
        }
        ApplicationRules.emailProblem(email).ifPresent(reasons::add);
        Optional<String> membershipId = reasons.isEmpty()
                ? Optional.of(ApplicationRules.membershipId(person.get().lastName(), birthday.get()))
                : Optional.empty();
        return new CheckedApplication(
                person, birthday, above18, ApplicationRules.normaliseMobile(mobileNo), membershipId, reasons);
    }
}

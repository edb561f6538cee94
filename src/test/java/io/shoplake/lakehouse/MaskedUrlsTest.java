package io.shoplake.lakehouse;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Every kind of URL is masked the one same way; the user stays readable. */
class MaskedUrlsTest {

    @Test
    void passwordsInUserInformationAndParametersAreMasked() {
        assertThat(MaskedUrls.mask("jdbc:mysql://bob:s3cret@db:3306/shop?useSSL=false"))
                .isEqualTo("jdbc:mysql://bob:***@db:3306/shop?useSSL=false");
        assertThat(MaskedUrls.mask("jdbc:postgresql://pg/shop?user=etl&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://pg/shop?user=etl&password=***&ssl=true");
        assertThat(MaskedUrls.mask("jdbc:sqlserver://host;user=sa;password=s3cret;database=x"))
                .isEqualTo("jdbc:sqlserver://host;user=sa;password=***;database=x");
        assertThat(MaskedUrls.mask("jdbc:oracle:thin:scott/tiger@//db:1521/orcl"))
                .isEqualTo("jdbc:oracle:thin:scott/***@//db:1521/orcl");
        assertThat(MaskedUrls.mask("mongodb://app:p@ss/w0rd@mongo:27017/db"))
                .isEqualTo("mongodb://app:***@mongo:27017/db");
        assertThat(MaskedUrls.mask("jdbc:mysql://db/shop?PWD=x&Token=y"))
                .isEqualTo("jdbc:mysql://db/shop?PWD=***&Token=***");
        assertThat(MaskedUrls.mask("jdbc:mysql://bob@db/shop")).isEqualTo("jdbc:mysql://bob@db/shop");
        assertThat(MaskedUrls.mask("jdbc:mysql://db/shop")).isEqualTo("jdbc:mysql://db/shop");
    }

    @Test
    void urlsInsideMessagesAreMaskedAndTheRestIsKept() {
        assertThat(MaskedUrls.maskIn("No suitable driver found for jdbc:db2://u:pw@host:50000/x; check the URL"))
                .isEqualTo("No suitable driver found for jdbc:db2://u:***@host:50000/x; check the URL");
        assertThat(MaskedUrls.maskIn("JDBC URL must start with jdbc:mysql:, was: 'jdbc:foo://a:b@c'"))
                .isEqualTo("JDBC URL must start with jdbc:mysql:, was: 'jdbc:foo://a:***@c'");
        assertThat(MaskedUrls.maskIn("no url here: 3 rows")).isEqualTo("no url here: 3 rows");
    }

    @Test
    void theUserComesFromUserInformationOrAParameter() {
        assertThat(MaskedUrls.user("jdbc:mysql://bob:pw@db/shop")).contains("bob");
        assertThat(MaskedUrls.user("jdbc:postgresql://pg/shop?user=etl&password=x"))
                .contains("etl");
        assertThat(MaskedUrls.user("jdbc:oracle:thin:scott/tiger@db:1521/orcl")).contains("scott");
        assertThat(MaskedUrls.user("jdbc:mysql://db/shop")).isEmpty();
    }
}

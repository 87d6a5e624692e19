package dev.linden.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.linden.protocol.ResultCode;
import org.junit.jupiter.api.Test;

/** Result codes carry their RFC names into the logs and metrics. */
class NamesTest {

    @Test
    void resultCodesAreNamedAsTheirRfcsSpellThem() {
        assertThat(Names.result(ResultCode.SUCCESS)).isEqualTo("success");
        assertThat(Names.result(ResultCode.INVALID_CREDENTIALS)).isEqualTo("invalidCredentials");
        assertThat(Names.result(ResultCode.NOT_ALLOWED_ON_NON_LEAF)).isEqualTo("notAllowedOnNonLeaf");
        assertThat(Names.result(ResultCode.E_SYNC_REFRESH_REQUIRED)).isEqualTo("e-syncRefreshRequired"); // RFC 4533
    }
}

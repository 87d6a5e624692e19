package dev.linden.observability;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class GeneralizedTimesTest {
    @Test
    void parsesWhatThePasswordPolicyWrites() {
        long t = GeneralizedTimes.millis("20250131120000Z");
        assertThat(GeneralizedTimes.format(t)).isEqualTo("20250131120000Z");
        assertThat(GeneralizedTimes.millis("20250131120000.250000Z")).isEqualTo(t + 250);
        assertThat(GeneralizedTimes.millis("202501311200Z")).isEqualTo(t);
        assertThat(GeneralizedTimes.millis("000001010000Z")).isNegative(); // locked until unlocked: long ago
        assertThat(GeneralizedTimes.millis("yesterday")).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void scramNamesAreReadFromTheFirstMessageOnly() {
        assertThat(BindClassifier.scramName("n,,n=carol,r=abc".getBytes())).isEqualTo("carol");
        assertThat(BindClassifier.scramName("n,a=admin,n=o=3Dx=2Cy,r=abc".getBytes()))
                .isEqualTo("o=x,y");
        assertThat(BindClassifier.scramName("c=biws,r=abc,p=proof".getBytes())).isNull();
        assertThat(BindClassifier.scramName(null)).isNull();
    }
}

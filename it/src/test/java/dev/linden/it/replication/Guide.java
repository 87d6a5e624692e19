package dev.linden.it.replication;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The code blocks of docs/replication.md, so tests run the configuration the guide prints. */
final class Guide {
    private static final Path GUIDE =
            Path.of(System.getProperty("user.dir")).getParent().resolve("docs/replication.md");

    private Guide() {}

    /** The code block whose info string ends with {@code tag} (as in {@code ```yaml tag}). */
    static String block(String tag) throws Exception {
        Matcher m = Pattern.compile("```\\w+ " + Pattern.quote(tag) + "\\n(.*?)```", Pattern.DOTALL)
                .matcher(Files.readString(GUIDE));
        assertThat(m.find()).as("docs/replication.md has a block tagged " + tag).isTrue();
        return m.group(1);
    }
}

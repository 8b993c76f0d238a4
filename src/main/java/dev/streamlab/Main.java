package dev.streamlab;

import dev.streamlab.cli.StreamlabCommand;

/** Entry point: hands the command line to picocli and exits with the command's code. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(StreamlabCommand.run(args));
    }
}

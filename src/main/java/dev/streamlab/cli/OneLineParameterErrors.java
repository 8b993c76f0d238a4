package dev.streamlab.cli;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

/** Reports a bad command line in one line, with a "did you mean" for a mistyped option; exit code 2. */
final class OneLineParameterErrors implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        String help = "run '" + cmd.getCommandSpec().qualifiedName() + " --help' to see the options";
        String message = e.getMessage();
        if (e instanceof UnmatchedArgumentException unmatched && unmatched.isUnknownOption()) {
            String unknown = unmatched.getUnmatched().get(0).split("=", 2)[0];
            message = "unknown option " + unknown
                    + closestOption(unknown, cmd).map(name -> "; did you mean " + name + "?").orElse("");
        }
        err.println("streamlab: " + message + " (" + help + ")");
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }

    /** The option within two typing slips (insert, delete, replace, swap) of what was typed, if one is. */
    static Optional<String> closestOption(String typed, CommandLine cmd) {
        List<String> names = cmd.getCommandSpec().optionsMap().keySet().stream().filter(n -> n.startsWith("--")).toList();
        String best = null;
        int bestDistance = 3;
        for (String name : names) {
            int distance = slips(typed, name);
            if (distance < bestDistance) {
                best = name;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Optimal string alignment distance: like Levenshtein, but a swap of two neighbours counts as one slip. */
    static int slips(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}

package dev.streamlab.cli;

import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.util.List;

/** Reports a bad command line in one line (plus a "did you mean" when picocli has one), exit code 2. */
final class OneLineParameterErrors implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        String help = "run '" + cmd.getCommandSpec().qualifiedName() + " --help' to see the options";
        String suggestion = "";
        if (e instanceof UnmatchedArgumentException unmatched) {
            List<String> suggestions = unmatched.getSuggestions();
            if (!suggestions.isEmpty()) {
                suggestion = " Did you mean " + String.join(" or ", suggestions) + "?";
            }
        }
        err.println("streamlab: " + e.getMessage() + "." + suggestion + " (" + help + ")");
        err.flush();
        return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }
}

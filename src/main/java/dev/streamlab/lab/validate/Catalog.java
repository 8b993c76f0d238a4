package dev.streamlab.lab.validate;

import dev.streamlab.lab.Challenge;
import dev.streamlab.lab.PageAction;
import dev.streamlab.lab.Quest;
import dev.streamlab.lab.Requirement;
import dev.streamlab.lab.validate.advanced.AdvancedChecks;
import dev.streamlab.lab.validate.intermediate.IntermediateChecks;
import dev.streamlab.lab.validate.novice.NoviceChecks;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checks and page actions challenges may name in their content, by name. A new challenge reuses these or adds
 * its checks here; {@link #problems(Quest)} says which names in the content have no implementation.
 */
public final class Catalog {
    private final Map<String, Check> checks;
    private final Map<String, PageActionHandler> actions;

    public Catalog(Map<String, Check> checks, Map<String, PageActionHandler> actions) {
        this.checks = Map.copyOf(checks);
        this.actions = Map.copyOf(actions);
    }

    /** Every check and action of the quest's challenges, looking at the broker through {@code facts}. */
    public static Catalog standard(BrokerFacts facts) {
        Map<String, Check> checks = new HashMap<>();
        Map<String, PageActionHandler> actions = new HashMap<>();
        putAll(checks, NoviceChecks.checks(facts));
        putAll(checks, IntermediateChecks.checks(facts));
        putAll(checks, AdvancedChecks.checks(facts));
        putAll(actions, NoviceChecks.actions(facts));
        putAll(actions, IntermediateChecks.actions(facts));
        putAll(actions, AdvancedChecks.actions(facts));
        return new Catalog(checks, actions);
    }

    private static <T> void putAll(Map<String, T> into, Map<String, T> from) {
        for (var e : from.entrySet()) {
            if (into.putIfAbsent(e.getKey(), e.getValue()) != null) {
                throw new IllegalStateException("two checks or actions are named " + e.getKey());
            }
        }
    }

    public Optional<Check> check(String name) {
        return Optional.ofNullable(checks.get(name));
    }

    public Optional<PageActionHandler> action(String name) {
        return Optional.ofNullable(actions.get(name));
    }

    /** What in the quest's content this catalog cannot serve: unknown checks or actions, and failure hints with no text. */
    public List<String> problems(Quest quest) {
        List<String> problems = new ArrayList<>();
        for (Challenge challenge : quest.challenges()) {
            for (Requirement r : challenge.requirements()) {
                Check check = checks.get(r.check());
                if (check == null) {
                    problems.add(challenge.id() + "/" + r.id() + " names check " + r.check() + ", which does not exist");
                    continue;
                }
                for (String key : check.hintKeys()) {
                    if (!r.hints().containsKey(key)) {
                        problems.add(challenge.id() + "/" + r.id() + " has no text for hint \"" + key + "\" of check "
                                + r.check());
                    }
                }
            }
            for (PageAction a : challenge.actions()) {
                if (!actions.containsKey(a.action())) {
                    problems.add(challenge.id() + " action " + a.id() + " names " + a.action() + ", which does not exist");
                }
            }
        }
        return problems;
    }
}

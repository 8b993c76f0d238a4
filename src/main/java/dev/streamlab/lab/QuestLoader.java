package dev.streamlab.lab;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the quest from {@code labs/}: {@code quest.json} lists the chapter and challenge folders in order and the
 * milestones; each folder holds {@code chapter.json} or {@code challenge.json} and the Markdown and code files they
 * name. The build packs {@code labs/} onto the classpath; tests may read the folder on disk. Any broken file fails the
 * whole load with a {@link LabContentException} that names the file and what is wrong.
 */
public final class QuestLoader {
    static final String INDEX = "quest.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Function<String, Optional<String>> files;

    private QuestLoader(Function<String, Optional<String>> files) {
        this.files = files;
    }

    /** The quest packed on the classpath under {@code labs/}. */
    public static Quest load() {
        return new QuestLoader(QuestLoader::classpathFile).quest();
    }

    /** The quest in a {@code labs} folder on disk. */
    public static Quest load(Path labs) {
        return new QuestLoader(name -> diskFile(labs, name)).quest();
    }

    record QuestFile(String title, List<String> chapters, List<String> challenges, List<Milestone> checklist,
                     List<Milestone> badges) {
    }

    record ChapterFile(int number, String title, String summary, String path, String text, List<String> objectives,
                       List<QuestionFile> questions, List<QuickWin> quickWins) {
    }

    record QuestionFile(String id, String kind, String prompt, List<AnswerOption> options) {
    }

    record ChallengeFile(String level, String title, String summary, String path, String objective, String text,
                         Submission defaults, List<String> fields, List<Requirement> requirements, List<StepFile> steps,
                         List<String> hints, List<PageAction> actions) {
    }

    record StepFile(String title, String text, List<CodeFile> code) {
    }

    record CodeFile(String language, String label, String file, String content) {
    }

    private Quest quest() {
        QuestFile index = parse(INDEX, QuestFile.class);
        List<Chapter> chapters = new ArrayList<>();
        for (String id : orEmpty(index.chapters())) {
            chapters.add(chapter(id));
        }
        List<Challenge> challenges = new ArrayList<>();
        for (String id : orEmpty(index.challenges())) {
            challenges.add(challenge(id));
        }
        try {
            return new Quest(index.title(), chapters, challenges, orEmpty(index.checklist()), orEmpty(index.badges()));
        } catch (RuntimeException e) {
            throw new LabContentException(INDEX, e.getMessage(), e);
        }
    }

    private Chapter chapter(String id) {
        String file = id + "/chapter.json";
        ChapterFile c = parse(file, ChapterFile.class);
        String markdown = text(id + "/" + (c.text() == null ? "chapter.md" : c.text()), file);
        try {
            List<Question> questions = orEmpty(c.questions()).stream().map(q -> new Question(q.id(),
                    q.kind() == null ? null : Question.Kind.valueOf(q.kind().toUpperCase(Locale.ROOT)), q.prompt(),
                    orEmpty(q.options()))).toList();
            return new Chapter(c.number(), id, c.title(), c.summary(), c.path(), orEmpty(c.objectives()), markdown,
                    questions, orEmpty(c.quickWins()));
        } catch (RuntimeException e) {
            throw new LabContentException(file, e.getMessage(), e);
        }
    }

    private Challenge challenge(String id) {
        String file = id + "/challenge.json";
        ChallengeFile c = parse(file, ChallengeFile.class);
        String markdown = text(id + "/" + (c.text() == null ? "challenge.md" : c.text()), file);
        try {
            List<Step> steps = new ArrayList<>();
            for (StepFile s : orEmpty(c.steps())) {
                List<CodeSample> code = new ArrayList<>();
                for (CodeFile f : orEmpty(s.code())) {
                    String content = f.file() != null ? text(id + "/" + f.file(), file) : f.content();
                    code.add(new CodeSample(f.language(), f.label(), f.file(), content));
                }
                steps.add(new Step(s.title(), s.text(), code));
            }
            return new Challenge(id, c.level(), c.title(), c.summary(), c.path(), c.objective(), markdown,
                    c.defaults() == null ? new Submission(null, null, null) : c.defaults(), orEmpty(c.fields()),
                    orEmpty(c.requirements()), steps, orEmpty(c.hints()), orEmpty(c.actions()));
        } catch (LabContentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new LabContentException(file, e.getMessage(), e);
        }
    }

    private <T> T parse(String name, Class<T> type) {
        String content = text(name, null);
        try {
            return JSON.readValue(content, type);
        } catch (IOException e) {
            String problem = e instanceof com.fasterxml.jackson.core.JsonProcessingException j
                    ? j.getOriginalMessage() + (j.getLocation() == null ? "" : " (line " + j.getLocation().getLineNr() + ")")
                    : e.getMessage();
            throw new LabContentException(name, problem, e);
        }
    }

    private String text(String name, String namedBy) {
        return files.apply(name).orElseThrow(() -> new LabContentException(name,
                namedBy == null ? "the file is missing" : "the file is missing (named by " + namedBy + ")", null));
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static Optional<String> classpathFile(String name) {
        try (InputStream in = QuestLoader.class.getClassLoader().getResourceAsStream("labs/" + name)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read labs/" + name + ": " + e.getMessage(), e);
        }
    }

    private static Optional<String> diskFile(Path labs, String name) {
        Path file = labs.resolve(name).normalize();
        if (!file.startsWith(labs.normalize()) || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

}

package dev.streamlab.kafka.tail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How bytes become what the page shows, and what the WebSocket hub will write as JSON. */
class TailRecordTest {

    @Test
    void aLongTextIsNeverCutInsideACharacterOutsideTheBasicMultilingualPlane() {
        String value = "a".repeat(TailRecord.TEXT_LIMIT - 1) + "😀" + "b".repeat(10);
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);

        TailRecord record = RecordText.of(record(null, bytes));

        assertEquals("a".repeat(TailRecord.TEXT_LIMIT - 1) + TailRecord.truncationMarker(bytes.length), record.value());
        assertEquals(bytes.length, record.valueBytes());
    }

    @Test
    void aTextOfExactlyTheLimitIsKeptWhole() {
        String value = "é".repeat(TailRecord.TEXT_LIMIT);

        TailRecord record = RecordText.of(record(null, value.getBytes(StandardCharsets.UTF_8)));

        assertEquals(value, record.value());
        assertEquals(2 * TailRecord.TEXT_LIMIT, record.valueBytes(), "valueBytes counts bytes, not characters");
    }

    @Test
    void aValidKeyIsShownAsHexWhenTheValueIsBinarySoOneFlagSaysHowToReadBoth() {
        TailRecord record = RecordText.of(record("id-1".getBytes(StandardCharsets.UTF_8), new byte[] {(byte) 0x80}));

        assertTrue(record.binary());
        assertEquals("69642d31", record.key());
        assertEquals("80", record.value());
    }

    @Test
    void anUnpairedSurrogateEncodedInUtf8IsBinary() {
        byte[] cesu = {(byte) 0xed, (byte) 0xa0, (byte) 0x80};

        assertTrue(RecordText.of(record(null, cesu)).binary());
    }

    @Test
    void aLongBinaryHeaderIsHexWithItsMarker() {
        ConsumerRecord<byte[], byte[]> raw = record(null, "v".getBytes(StandardCharsets.UTF_8));
        byte[] header = new byte[5000];
        header[0] = (byte) 0xff;
        raw.headers().add(new RecordHeader("blob", header));

        TailHeader shown = RecordText.of(raw).headers().get(0);

        assertEquals("0xff" + "00".repeat(TailRecord.TEXT_LIMIT / 2 - 1) + TailRecord.truncationMarker(5000), shown.value());
    }

    @Test
    void theRecordsValidateWhatTheyAreGiven() {
        assertThrows(IllegalArgumentException.class, () -> new TailRecord("t", -1, 0, null, 0, "CreateTime", List.of(),
                "v", false, 1));
        assertThrows(IllegalArgumentException.class, () -> new TailRecord("t", 0, 0, null, 0, "WallClock", List.of(),
                "v", false, 1));
        assertThrows(IllegalArgumentException.class, () -> new TailRecord("t", 0, 0, null, 0, "CreateTime", List.of(),
                null, false, 3));
        assertThrows(IllegalArgumentException.class, () -> new TailRecord(" ", 0, 0, null, 0, "CreateTime", List.of(),
                "v", false, 1));
        assertThrows(NullPointerException.class, () -> new TailHeader(null, "v"));
        TailRecord other = new TailRecord("other", 0, 0, null, 0, "CreateTime", List.of(), "v", false, 1);
        assertThrows(IllegalArgumentException.class, () -> new TailBatch("mine", Isolation.READ_COMMITTED, List.of(other)));
    }

    @Test
    void aBatchBecomesPlainJsonWithJackson() throws Exception {
        TailRecord record = new TailRecord("orders", 2, 41, null, 1_795_600_800_000L, "LogAppendTime",
                List.of(new TailHeader("trace", "abc")), "<b>hi</b>", false, 9);
        TailBatch batch = new TailBatch("orders", Isolation.READ_COMMITTED, List.of(record));

        JsonNode json = new ObjectMapper().readTree(new ObjectMapper().writeValueAsString(batch));

        assertEquals("orders", json.get("topic").asText());
        JsonNode first = json.get("records").get(0);
        assertEquals(2, first.get("partition").asInt());
        assertEquals(41, first.get("offset").asLong());
        assertTrue(first.get("key").isNull());
        assertEquals("LogAppendTime", first.get("timestampType").asText());
        assertEquals("abc", first.get("headers").get(0).get("value").asText());
        assertEquals("<b>hi</b>", first.get("value").asText());
        assertFalse(first.get("binary").asBoolean());
        assertEquals(9, first.get("valueBytes").asInt());
    }

    private static ConsumerRecord<byte[], byte[]> record(byte[] key, byte[] value) {
        return new ConsumerRecord<>("t", 0, 7, 1000L, TimestampType.CREATE_TIME, key == null ? -1 : key.length,
                value == null ? -1 : value.length, key, value, new RecordHeaders(), Optional.empty());
    }
}

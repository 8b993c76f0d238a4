package dev.streamlab.kafka.tail;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.record.TimestampType;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Turns Kafka's bytes into a {@link TailRecord}: strict UTF-8 text, hex for anything else, cut at the limit. */
final class RecordText {
    private static final HexFormat HEX = HexFormat.of();

    private RecordText() {
    }

    static TailRecord of(ConsumerRecord<byte[], byte[]> record) {
        byte[] keyBytes = record.key();
        byte[] valueBytes = record.value();
        String keyText = keyBytes == null ? null : text(keyBytes);
        String valueText = valueBytes == null ? null : text(valueBytes);
        boolean binary = (keyBytes != null && keyText == null) || (valueBytes != null && valueText == null);
        String key = keyBytes == null ? null : binary ? hex(keyBytes) : cut(keyText, keyBytes.length);
        String value = valueBytes == null ? null : binary ? hex(valueBytes) : cut(valueText, valueBytes.length);
        List<TailHeader> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            headers.add(new TailHeader(header.key(), headerValue(header.value())));
        }
        return new TailRecord(record.topic(), record.partition(), record.offset(), key, record.timestamp(),
                record.timestampType() == TimestampType.LOG_APPEND_TIME ? "LogAppendTime" : "CreateTime",
                headers, value, binary, valueBytes == null ? 0 : valueBytes.length);
    }

    /** The bytes as text when they are valid UTF-8, otherwise null. */
    static String text(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    static String hex(byte[] bytes) {
        int shown = Math.min(bytes.length, TailRecord.TEXT_LIMIT / 2);
        String hex = HEX.formatHex(bytes, 0, shown);
        return shown < bytes.length ? hex + TailRecord.truncationMarker(bytes.length) : hex;
    }

    private static String headerValue(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        String text = text(bytes);
        return text == null ? "0x" + hex(bytes) : cut(text, bytes.length);
    }

    private static String cut(String text, int realBytes) {
        if (text.length() <= TailRecord.TEXT_LIMIT) {
            return text;
        }
        int end = TailRecord.TEXT_LIMIT;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--; // never split a character outside the Basic Multilingual Plane in two
        }
        return text.substring(0, end) + TailRecord.truncationMarker(realBytes);
    }
}

using System.Text.Json;

namespace Twins.Grains.Telemetry;

/// <summary>
/// Parses <c>{"timestamp":ms,"seq":N,"signals":{"name":value}}</c> in one forward pass over the UTF-8
/// bytes. Values are numbers, booleans or strings; unknown top-level fields are ignored.
/// </summary>
public static class TelemetryJsonParser
{
    /// <summary>Parses a JSON telemetry payload; on failure returns <c>null</c> and the error.</summary>
    public static TelemetrySample? Parse(ReadOnlySpan<byte> payload, out TelemetryError? error)
    {
        try
        {
            return ParseCore(payload, out error);
        }
        catch (JsonException e)
        {
            error = new TelemetryError(TelemetryErrorCode.InvalidJson, $"Invalid JSON: {e.Message}");
            return null;
        }
    }

    private static TelemetrySample? ParseCore(ReadOnlySpan<byte> payload, out TelemetryError? error)
    {
        var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = 8 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return Fail(TelemetryErrorCode.InvalidJson, "Payload must be a JSON object.", out error);
        }

        long? timestamp = null, seq = null;
        List<TelemetrySignal>? signals = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("timestamp"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var ms) || ms < 0)
                {
                    return Fail(TelemetryErrorCode.InvalidField, "timestamp must be epoch milliseconds.", out error);
                }

                timestamp = ms;
            }
            else if (reader.ValueTextEquals("seq"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt64(out var n) || n < 0)
                {
                    return Fail(TelemetryErrorCode.InvalidField, "seq must be a non-negative integer.", out error);
                }

                seq = n;
            }
            else if (reader.ValueTextEquals("signals"u8))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    return Fail(TelemetryErrorCode.InvalidField, "signals must be an object.", out error);
                }

                signals = ReadSignals(ref reader, out error);
                if (signals is null)
                {
                    return null;
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject)
        {
            return Fail(TelemetryErrorCode.InvalidJson, "Payload must be a JSON object.", out error);
        }

        // Anything after the root object is invalid JSON; Read throws on it.
        while (reader.Read())
        {
        }

        if (timestamp is null || seq is null || signals is null)
        {
            return Fail(TelemetryErrorCode.InvalidField, "timestamp, seq and signals are required.", out error);
        }

        error = null;
        return new TelemetrySample(DateTimeOffset.FromUnixTimeMilliseconds(timestamp.Value), seq.Value, signals);
    }

    /// <summary>A linear scan for the usual handful of signals; a set once there are many.</summary>
    private static bool IsDuplicate(List<TelemetrySignal> signals, ref HashSet<string>? names, string name)
    {
        const int LinearLimit = 16;
        if (names is null)
        {
            foreach (var signal in signals)
            {
                if (string.Equals(signal.Name, name, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            if (signals.Count < LinearLimit)
            {
                return false;
            }

            names = new HashSet<string>(signals.Select(s => s.Name), StringComparer.Ordinal);
        }

        return !names.Add(name);
    }

    private static List<TelemetrySignal>? ReadSignals(ref Utf8JsonReader reader, out TelemetryError? error)
    {
        var signals = new List<TelemetrySignal>(8);
        HashSet<string>? names = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // Escaped names (rare) go through GetString; plain ones are looked up without allocating.
            var name = reader.ValueIsEscaped || reader.HasValueSequence ? reader.GetString()! : SignalNames.Get(reader.ValueSpan);
            if (name.Length is 0 or > TelemetryLimits.MaxNameLength)
            {
                Fail(TelemetryErrorCode.TooLarge, $"Signal names must be 1-{TelemetryLimits.MaxNameLength} characters.", out error);
                return null;
            }

            if (IsDuplicate(signals, ref names, name))
            {
                Fail(TelemetryErrorCode.InvalidField, $"Signal '{name}' appears twice.", out error);
                return null;
            }

            if (signals.Count == TelemetryLimits.MaxSignals)
            {
                Fail(TelemetryErrorCode.TooLarge, $"At most {TelemetryLimits.MaxSignals} signals per sample.", out error);
                return null;
            }

            reader.Read();
            TelemetryValue value;
            switch (reader.TokenType)
            {
                case JsonTokenType.Number:
                    value = TelemetryValue.FromNumber(reader.GetDouble());
                    break;
                case JsonTokenType.True or JsonTokenType.False:
                    value = TelemetryValue.FromBoolean(reader.GetBoolean());
                    break;
                case JsonTokenType.String:
                    var text = reader.GetString()!;
                    if (text.Length > TelemetryLimits.MaxStringLength)
                    {
                        Fail(TelemetryErrorCode.TooLarge, $"Signal '{name}' is longer than {TelemetryLimits.MaxStringLength} characters.", out error);
                        return null;
                    }

                    value = TelemetryValue.FromString(text);
                    break;
                default:
                    Fail(TelemetryErrorCode.InvalidField, $"Signal '{name}' must be a number, boolean or string.", out error);
                    return null;
            }

            signals.Add(new TelemetrySignal(name, value));
        }

        error = null;
        return signals;
    }

    private static TelemetrySample? Fail(TelemetryErrorCode code, string message, out TelemetryError? error)
    {
        error = new TelemetryError(code, message);
        return null;
    }
}

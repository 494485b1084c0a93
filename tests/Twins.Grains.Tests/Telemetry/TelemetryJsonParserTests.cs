using System.Text;
using Twins.Grains.Telemetry;

namespace Twins.Grains.Tests.Telemetry;

public sealed class TelemetryJsonParserTests
{
    private static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

    [Fact]
    public void Parse_ContractSample_ReadsTimestampSeqAndEverySignal()
    {
        var sample = TelemetryJsonParser.Parse(Utf8("""{"timestamp":1767225600123,"seq":42,"signals":{"speed":88.5,"gear":"D","ignition":true,"odometer":12345}}"""), out var error);

        Assert.Null(error);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1767225600123), sample!.Timestamp);
        Assert.Equal(42, sample.Seq);
        Assert.Equal(
            [
                new TelemetrySignal("speed", TelemetryValue.FromNumber(88.5)),
                new TelemetrySignal("gear", TelemetryValue.FromString("D")),
                new TelemetrySignal("ignition", TelemetryValue.FromBoolean(true)),
                new TelemetrySignal("odometer", TelemetryValue.FromNumber(12345)),
            ],
            sample.Signals);
    }

    [Fact]
    public void Parse_FieldsInAnyOrderWithUnknownOnes_AreAccepted()
    {
        var sample = TelemetryJsonParser.Parse(Utf8("""{"signals":{"a":1},"extra":{"nested":[1,2]},"seq":1,"timestamp":5}"""), out _);

        Assert.Equal(1, sample!.Seq);
        Assert.Single(sample.Signals);
    }

    [Theory]
    [InlineData("", TelemetryErrorCode.InvalidJson)]
    [InlineData("{", TelemetryErrorCode.InvalidJson)]
    [InlineData("[]", TelemetryErrorCode.InvalidJson)]
    [InlineData("""{"timestamp":1,"seq":1,"signals":{}} x""", TelemetryErrorCode.InvalidJson)]
    [InlineData("""{"seq":1,"signals":{}}""", TelemetryErrorCode.InvalidField)]
    [InlineData("""{"timestamp":1,"signals":{}}""", TelemetryErrorCode.InvalidField)]
    [InlineData("""{"timestamp":1,"seq":1}""", TelemetryErrorCode.InvalidField)]
    [InlineData("""{"timestamp":"1","seq":1,"signals":{}}""", TelemetryErrorCode.InvalidField)]
    [InlineData("""{"timestamp":1,"seq":-1,"signals":{}}""", TelemetryErrorCode.InvalidField)]
    [InlineData("""{"timestamp":1,"seq":1.5,"signals":{}}""", TelemetryErrorCode.InvalidField)]
    [InlineData("""{"timestamp":1,"seq":1,"signals":[]}""", TelemetryErrorCode.InvalidField)]
    [InlineData("""{"timestamp":1,"seq":1,"signals":{"a":null}}""", TelemetryErrorCode.InvalidField)]
    [InlineData("""{"timestamp":1,"seq":1,"signals":{"a":{"b":1}}}""", TelemetryErrorCode.InvalidField)]
    [InlineData("""{"timestamp":1,"seq":1,"signals":{"a":1,"a":2}}""", TelemetryErrorCode.InvalidField)]
    [InlineData("""{"timestamp":1,"seq":1,"signals":{"":1}}""", TelemetryErrorCode.TooLarge)]
    public void Parse_Invalid_IsRefusedWithItsCode(string payload, TelemetryErrorCode code)
    {
        Assert.Null(TelemetryJsonParser.Parse(Utf8(payload), out var error));
        Assert.Equal(code, error!.Code);
    }

    [Fact]
    public void Parse_TooManySignals_IsRefused()
    {
        var signals = string.Join(',', Enumerable.Range(0, TelemetryLimits.MaxSignals + 1).Select(i => $"\"s{i}\":{i}"));

        Assert.Null(TelemetryJsonParser.Parse(Utf8($"{{\"timestamp\":1,\"seq\":1,\"signals\":{{{signals}}}}}"), out var error));
        Assert.Equal(TelemetryErrorCode.TooLarge, error!.Code);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(40)]
    public void Parse_NameRepeatedAfterManySignals_IsRefusedAsDuplicate(int before)
    {
        var signals = string.Join(',', Enumerable.Range(0, before).Select(i => $"\"s{i}\":{i}")) + ",\"s1\":7";

        Assert.Null(TelemetryJsonParser.Parse(Utf8($"{{\"timestamp\":1,\"seq\":1,\"signals\":{{{signals}}}}}"), out var error));
        Assert.Equal(TelemetryErrorCode.InvalidField, error!.Code);
        Assert.Contains("'s1' appears twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_EscapedAndNonAsciiNames_DecodeToTheSameNamesAsPlainOnes()
    {
        var sample = TelemetryJsonParser.Parse(Utf8("""{"timestamp":1,"seq":1,"signals":{"sp\u0065ed":1,"température":2,"gear":"D"}}"""), out var error);
        var again = TelemetryJsonParser.Parse(Utf8("""{"timestamp":2,"seq":2,"signals":{"speed":3,"température":4}}"""), out _);

        Assert.Null(error);
        Assert.Equal(["speed", "température", "gear"], sample!.Signals.Select(s => s.Name));
        Assert.Equal(["speed", "température"], again!.Signals.Select(s => s.Name));
        Assert.Null(TelemetryJsonParser.Parse(Utf8("""{"timestamp":1,"seq":1,"signals":{"speed":1,"sp\u0065ed":2}}"""), out error));
        Assert.Equal(TelemetryErrorCode.InvalidField, error!.Code);
    }
}

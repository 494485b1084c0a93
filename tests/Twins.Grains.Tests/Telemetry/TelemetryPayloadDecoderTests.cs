using System.Text;
using Twins.Grains.Telemetry;

namespace Twins.Grains.Tests.Telemetry;

public sealed class TelemetryPayloadDecoderTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly TelemetryPayloadDecoder _decoder = new(BinaryTelemetryCodecTests.Descriptors);
    private readonly byte[] _binary = BinaryTelemetryCodec.Encode(3, BinaryTelemetryCodecTests.Descriptors, T0, 9, [(1, 50)]);
    private readonly byte[] _json = Encoding.UTF8.GetBytes("""{"timestamp":1,"seq":1,"signals":{"speed":1}}""");

    [Theory]
    [InlineData(null)]
    [InlineData("application/json")]
    [InlineData("application/json; charset=utf-8")]
    public void Decode_NoOrJsonContentType_ParsesJson(string? contentType)
    {
        Assert.Equal(1, _decoder.Decode(_json, contentType, null, out _)!.Seq);
    }

    [Theory]
    [InlineData("application/vnd.twins.telemetry+binary")]
    [InlineData("application/vnd.twins.telemetry+binary; descriptor=3")]
    public void Decode_BinaryContentType_DecodesByDescriptor(string contentType)
    {
        var sample = _decoder.Decode(_binary, contentType, null, out var error);

        Assert.Null(error);
        Assert.Equal(50, sample!.Signals.Single(s => s.Name == "speed").Value.Number, 6);
    }

    [Fact]
    public void Decode_DescriptorUserProperty_SelectsBinary()
    {
        var sample = _decoder.Decode(_binary, null, [new("twins-descriptor", "3")], out _);

        Assert.Equal(9, sample!.Seq);
    }

    [Fact]
    public void Decode_UnknownVersionInUserPropertyOrContentType_IsRejected()
    {
        Assert.Null(_decoder.Decode(_binary, null, [new("twins-descriptor", "8")], out var byProperty));
        Assert.Null(_decoder.Decode(_binary, "application/vnd.twins.telemetry+binary; descriptor=8", null, out var byContentType));
        Assert.Null(_decoder.Decode(_binary, null, [new("twins-descriptor", "three")], out var notANumber));

        Assert.Equal(TelemetryErrorCode.UnknownDescriptorVersion, byProperty!.Code);
        Assert.Equal(TelemetryErrorCode.UnknownDescriptorVersion, byContentType!.Code);
        Assert.Equal(TelemetryErrorCode.UnknownDescriptorVersion, notANumber!.Code);
    }

    [Fact]
    public void Decode_NamedVersionDifferentFromPayload_IsRejected()
    {
        var set = new TelemetryDescriptorSet([.. new[] { 3, 4 }.Select(v => new TelemetryDescriptor { Version = v, Signals = [new SignalDescriptor { Id = 1, Name = "speed", Type = SignalType.U16 }] })]);
        var decoder = new TelemetryPayloadDecoder(set);

        Assert.Null(decoder.Decode(_binary, null, [new("twins-descriptor", "4")], out var error));
        Assert.Equal(TelemetryErrorCode.DescriptorVersionMismatch, error!.Code);
    }

    [Fact]
    public void Decode_OtherContentType_IsUnsupported()
    {
        Assert.Null(_decoder.Decode(_json, "text/plain", null, out var error));
        Assert.Equal(TelemetryErrorCode.UnsupportedContentType, error!.Code);
    }

    [Fact]
    public void Decode_BinarySentAsJson_IsInvalidJson()
    {
        Assert.Null(_decoder.Decode(_binary, null, null, out var error));
        Assert.Equal(TelemetryErrorCode.InvalidJson, error!.Code);
    }
}

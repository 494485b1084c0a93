using Twins.Grains.Telemetry;

namespace Twins.Grains.Tests.Telemetry;

public sealed class BinaryTelemetryCodecTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    internal static TelemetryDescriptorSet Descriptors { get; } = new(
    [
        new TelemetryDescriptor
        {
            Version = 3,
            Signals =
            [
                new SignalDescriptor { Id = 1, Name = "speed", Type = SignalType.U16, Scale = 0.01, Unit = "km/h" },
                new SignalDescriptor { Id = 2, Name = "coolant", Type = SignalType.I8, Offset = -40, Unit = "°C" },
                new SignalDescriptor { Id = 3, Name = "ignition", Type = SignalType.Boolean },
                new SignalDescriptor { Id = 4, Name = "odometer", Type = SignalType.U32, Scale = 0.1, Unit = "km" },
                new SignalDescriptor { Id = 5, Name = "voltage", Type = SignalType.F32, Unit = "V" },
                new SignalDescriptor { Id = 6, Name = "energy", Type = SignalType.F64 },
                new SignalDescriptor { Id = 7, Name = "trip", Type = SignalType.I64 },
                new SignalDescriptor { Id = 8, Name = "torque", Type = SignalType.I16, Scale = 0.5 },
                new SignalDescriptor { Id = 9, Name = "gearIndex", Type = SignalType.U8 },
                new SignalDescriptor { Id = 10, Name = "current", Type = SignalType.I32, Scale = 0.001 },
            ],
        },
    ]);

    [Fact]
    public void Decode_EveryType_AppliesScaleAndOffset()
    {
        var payload = BinaryTelemetryCodec.Encode(3, Descriptors, T0, 7,
            [(1, 88.5), (2, 80), (3, 1), (4, 12345.6), (5, 12.5), (6, -1.25), (7, -5_000_000_000), (8, -100.5), (9, 4), (10, -2.5)]);

        var sample = BinaryTelemetryCodec.Decode(payload, Descriptors, out var error);

        Assert.Null(error);
        Assert.Equal(T0, sample!.Timestamp);
        Assert.Equal(7, sample.Seq);
        var values = sample.Signals.ToDictionary(s => s.Name, s => s.Value);
        Assert.Equal(88.5, values["speed"].Number, 6);
        Assert.Equal(80, values["coolant"].Number, 6);
        Assert.Equal(TelemetryValue.FromBoolean(true), values["ignition"]);
        Assert.Equal(12345.6, values["odometer"].Number, 6);
        Assert.Equal(12.5, values["voltage"].Number, 6);
        Assert.Equal(-1.25, values["energy"].Number);
        Assert.Equal(-5_000_000_000, values["trip"].Number);
        Assert.Equal(-100.5, values["torque"].Number, 6);
        Assert.Equal(4, values["gearIndex"].Number);
        Assert.Equal(-2.5, values["current"].Number, 6);
    }

    [Fact]
    public void Encode_Layout_IsTheDocumentedHeaderThenIdValuePairs()
    {
        var payload = BinaryTelemetryCodec.Encode(3, Descriptors, DateTimeOffset.FromUnixTimeMilliseconds(0x0102), 5, [(9, 200)]);

        Assert.Equal(new byte[] { 0x54, 1, 0, 3, 0, 0, 0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 0, 0, 0, 5, 0, 1, 0, 9, 200 }, payload);
    }

    [Fact]
    public void Decode_UnknownDescriptorVersion_IsRejected()
    {
        var payload = BinaryTelemetryCodec.Encode(3, Descriptors, T0, 1, [(9, 1)]);
        payload[3] = 4;

        Assert.Null(BinaryTelemetryCodec.Decode(payload, Descriptors, out var error));
        Assert.Equal(TelemetryErrorCode.UnknownDescriptorVersion, error!.Code);
    }

    [Fact]
    public void Decode_UnknownSignalId_IsRejected()
    {
        var payload = BinaryTelemetryCodec.Encode(3, Descriptors, T0, 1, [(9, 1)]);
        payload[23] = 99;

        Assert.Null(BinaryTelemetryCodec.Decode(payload, Descriptors, out var error));
        Assert.Equal(TelemetryErrorCode.UnknownSignal, error!.Code);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(21)]
    [InlineData(23)]
    [InlineData(26)]
    public void Decode_Truncated_IsMalformed(int cut)
    {
        var payload = BinaryTelemetryCodec.Encode(3, Descriptors, T0, 1, [(1, 10), (9, 1)]);

        Assert.Null(BinaryTelemetryCodec.Decode(payload.AsSpan(0, cut), Descriptors, out var error));
        Assert.Equal(TelemetryErrorCode.MalformedBinary, error!.Code);
    }

    [Fact]
    public void Decode_TrailingBytesOrBadMagic_IsMalformed()
    {
        var payload = BinaryTelemetryCodec.Encode(3, Descriptors, T0, 1, [(9, 1)]);

        Assert.Equal(TelemetryErrorCode.MalformedBinary, Decode([.. payload, 0]));
        Assert.Equal(TelemetryErrorCode.MalformedBinary, Decode([0x7B, .. payload[1..]]));
        Assert.Equal(TelemetryErrorCode.MalformedBinary, Decode([payload[0], 2, .. payload[2..]]));

        static TelemetryErrorCode? Decode(byte[] p)
        {
            BinaryTelemetryCodec.Decode(p, Descriptors, out var error);
            return error?.Code;
        }
    }

    [Fact]
    public void DescriptorSet_DuplicateVersionIdOrName_IsRefusedAtLoad()
    {
        var signal = new SignalDescriptor { Id = 1, Name = "a", Type = SignalType.U8 };

        Assert.Throws<ArgumentException>(() => new TelemetryDescriptorSet([new TelemetryDescriptor { Version = 1, Signals = [signal] }, new TelemetryDescriptor { Version = 1, Signals = [] }]));
        Assert.Throws<ArgumentException>(() => new TelemetryDescriptorSet([new TelemetryDescriptor { Version = 1, Signals = [signal, signal with { Name = "b" }] }]));
        Assert.Throws<ArgumentException>(() => new TelemetryDescriptorSet([new TelemetryDescriptor { Version = 1, Signals = [signal, signal with { Id = 2 }] }]));
        Assert.Throws<ArgumentException>(() => new TelemetryDescriptorSet([new TelemetryDescriptor { Version = 1, Signals = [signal with { Scale = 0 }] }]));
        Assert.Throws<ArgumentException>(() => new TelemetryDescriptorSet([new TelemetryDescriptor { Version = 0, Signals = [] }]));
    }
}

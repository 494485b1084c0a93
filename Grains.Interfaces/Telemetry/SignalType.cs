namespace Twins.Grains.Telemetry;

/// <summary>The encoding of a signal's raw value in the binary telemetry form (big-endian).</summary>
public enum SignalType
{
    /// <summary>1 byte, 0 or 1; decodes to a boolean (scale and offset ignored).</summary>
    Boolean,

    /// <summary>1 byte signed.</summary>
    I8,

    /// <summary>1 byte unsigned.</summary>
    U8,

    /// <summary>2 bytes signed.</summary>
    I16,

    /// <summary>2 bytes unsigned.</summary>
    U16,

    /// <summary>4 bytes signed.</summary>
    I32,

    /// <summary>4 bytes unsigned.</summary>
    U32,

    /// <summary>8 bytes signed.</summary>
    I64,

    /// <summary>4 bytes IEEE 754.</summary>
    F32,

    /// <summary>8 bytes IEEE 754.</summary>
    F64,
}

namespace Twins.Grains.Telemetry;

/// <summary>Why a telemetry payload was refused (each is counted by the gateway).</summary>
public enum TelemetryErrorCode
{
    /// <summary>Not UTF-8 or not JSON.</summary>
    InvalidJson,

    /// <summary>A required field is missing or has the wrong type.</summary>
    InvalidField,

    /// <summary>The content type is neither JSON nor the binary form.</summary>
    UnsupportedContentType,

    /// <summary>The binary payload names a descriptor version that is not configured.</summary>
    UnknownDescriptorVersion,

    /// <summary>The content type or user property names a different descriptor version than the payload.</summary>
    DescriptorVersionMismatch,

    /// <summary>The binary payload is truncated, has trailing bytes or a bad header.</summary>
    MalformedBinary,

    /// <summary>The binary payload has a signal id the descriptor does not define.</summary>
    UnknownSignal,

    /// <summary>Too many signals, or a name or string too long.</summary>
    TooLarge,
}

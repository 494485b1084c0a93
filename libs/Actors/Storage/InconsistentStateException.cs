namespace Twins.Actors.Storage;

/// <summary>
/// A write or clear found a different ETag in the store than the activation holds: another activation (or
/// writer) changed the state. When it escapes a grain call, the runtime deactivates that activation.
/// </summary>
public sealed class InconsistentStateException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InconsistentStateException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public InconsistentStateException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public InconsistentStateException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception naming both ETags.</summary>
    public InconsistentStateException(string message, string? storedETag, string? currentETag) : base(message)
    {
        StoredETag = storedETag;
        CurrentETag = currentETag;
    }

    /// <summary>The ETag found in the store (null: no record).</summary>
    public string? StoredETag { get; }

    /// <summary>The ETag the activation held (null: it expected no record).</summary>
    public string? CurrentETag { get; }
}

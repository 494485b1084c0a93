namespace Twins.Actors.Transport;

/// <summary>
/// A grain on another silo threw an exception whose type cannot be rebuilt here; it keeps the original
/// type's name and message.
/// </summary>
public sealed class RemoteGrainException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RemoteGrainException()
    {
        OriginalTypeName = "";
    }

    /// <summary>Creates the exception with a message.</summary>
    public RemoteGrainException(string message) : base(message)
    {
        OriginalTypeName = "";
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public RemoteGrainException(string message, Exception innerException) : base(message, innerException)
    {
        OriginalTypeName = "";
    }

    /// <summary>Creates the exception for an original of type <paramref name="originalTypeName"/>.</summary>
    public RemoteGrainException(string originalTypeName, string message) : base($"{originalTypeName}: {message}")
    {
        OriginalTypeName = originalTypeName;
    }

    /// <summary>The full name of the exception type the grain threw.</summary>
    public string OriginalTypeName { get; }
}

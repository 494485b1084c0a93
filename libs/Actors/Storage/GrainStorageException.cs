namespace Twins.Actors.Storage;

/// <summary>A storage provider failed to read, write or clear a grain's state, or found it corrupt.</summary>
public sealed class GrainStorageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GrainStorageException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public GrainStorageException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public GrainStorageException(string message, Exception innerException) : base(message, innerException)
    {
    }
}

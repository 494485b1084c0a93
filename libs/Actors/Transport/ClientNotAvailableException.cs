namespace Twins.Actors.Transport;

/// <summary>
/// A call to an observer hosted by a cluster client could not be delivered: the client is not connected to
/// the silo that tried (it stopped, crashed, or has not connected yet). As Orleans' exception of the same
/// name, it fails the call at once instead of letting it wait for the call timeout.
/// </summary>
public sealed class ClientNotAvailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ClientNotAvailableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ClientNotAvailableException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public ClientNotAvailableException(string message, Exception innerException) : base(message, innerException)
    {
    }
}

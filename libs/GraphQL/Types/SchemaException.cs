namespace Twins.GraphQL.Types;

/// <summary>The schema is invalid; <see cref="Errors"/> lists every problem found.</summary>
public sealed class SchemaException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SchemaException()
        : this([])
    {
    }

    /// <summary>Creates the exception.</summary>
    public SchemaException(string message)
        : this([message])
    {
    }

    /// <summary>Creates the exception.</summary>
    public SchemaException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    /// <summary>Creates the exception for the problems found.</summary>
    public SchemaException(IReadOnlyList<string> errors)
        : base("The schema is invalid:\n" + string.Join("\n", errors))
    {
        Errors = errors;
    }

    /// <summary>Each problem found.</summary>
    public IReadOnlyList<string> Errors { get; }
}

namespace Twins.GraphQL.Execution;

/// <summary>
/// Thrown by resolvers, scalars and the engine to report a GraphQL error: the message is shown to the
/// client, <see cref="Code"/> becomes <c>extensions.code</c>.
/// </summary>
public class GraphQLException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GraphQLException()
        : this("Unexpected error.")
    {
    }

    /// <summary>Creates the exception with a message shown to the client.</summary>
    public GraphQLException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and an inner cause (not shown to the client).</summary>
    public GraphQLException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a message and an <c>extensions.code</c>.</summary>
    public GraphQLException(string message, string? code)
        : base(message)
    {
        Code = code;
    }

    /// <summary>The <c>extensions.code</c> value, or null.</summary>
    public string? Code { get; init; }

    /// <summary>More <c>extensions</c> entries, or null.</summary>
    public IReadOnlyDictionary<string, object?>? Extensions { get; init; }
}

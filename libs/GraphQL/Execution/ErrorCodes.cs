namespace Twins.GraphQL.Execution;

/// <summary>The <c>extensions.code</c> values Twins uses.</summary>
public static class ErrorCodes
{
    /// <summary>The document is not valid GraphQL syntax.</summary>
    public const string ParseFailed = "GRAPHQL_PARSE_FAILED";

    /// <summary>The document failed validation against the schema.</summary>
    public const string ValidationFailed = "GRAPHQL_VALIDATION_FAILED";

    /// <summary>Variables or the request shape were invalid.</summary>
    public const string BadUserInput = "BAD_USER_INPUT";

    /// <summary>The request was over a configured limit (depth, cost, tokens, size).</summary>
    public const string LimitExceeded = "LIMIT_EXCEEDED";

    /// <summary>The execution timeout passed.</summary>
    public const string Timeout = "EXECUTION_TIMEOUT";

    /// <summary>Introspection is not allowed for this caller.</summary>
    public const string IntrospectionDisabled = "INTROSPECTION_DISABLED";

    /// <summary>The caller is not allowed to do this.</summary>
    public const string Forbidden = "FORBIDDEN";

    /// <summary>The operation was not found or is not allowed on this transport.</summary>
    public const string OperationNotFound = "OPERATION_RESOLUTION_FAILURE";

    /// <summary>An unexpected exception in a resolver (details are logged, not sent).</summary>
    public const string InternalError = "INTERNAL_SERVER_ERROR";
}

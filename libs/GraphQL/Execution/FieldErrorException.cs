namespace Twins.GraphQL.Execution;

/// <summary>Carries a located field error up to the nearest nullable parent (null bubbling).</summary>
internal sealed class FieldErrorException(GraphQLError error) : Exception(error.Message)
{
    public GraphQLError Error { get; } = error;
}

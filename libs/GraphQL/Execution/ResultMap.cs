namespace Twins.GraphQL.Execution;

/// <summary>An object in the response: entries in selection order.</summary>
internal sealed class ResultMap(int capacity) : List<KeyValuePair<string, object?>>(capacity)
{
}

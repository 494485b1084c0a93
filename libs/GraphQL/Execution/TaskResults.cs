using System.Collections.Concurrent;
using System.Reflection;

namespace Twins.GraphQL.Execution;

/// <summary>Awaits a task returned as a resolver's value and reads its result, whatever its type argument.</summary>
internal static class TaskResults
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo?> ResultProperties = new();

    public static async Task<object?> GetResultAsync(Task task)
    {
        await task.ConfigureAwait(false);
        var property = ResultProperties.GetOrAdd(task.GetType(), static type =>
            type.IsGenericType && type.GetProperty("Result") is { } result && result.PropertyType.Name != "VoidTaskResult" ? result : null);
        return property?.GetValue(task);
    }
}

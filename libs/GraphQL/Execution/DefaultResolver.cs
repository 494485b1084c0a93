using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;

namespace Twins.GraphQL.Execution;

/// <summary>Reads a field from the parent: a dictionary entry, a JSON property, or a public property (case-insensitive).</summary>
internal static class DefaultResolver
{
    private static readonly ConcurrentDictionary<(Type, string), Func<object, object?>?> Getters = new();

    public static object? Resolve(object? parent, string fieldName)
    {
        switch (parent)
        {
            case null:
                return null;
            case IReadOnlyDictionary<string, object?> map:
                return map.GetValueOrDefault(fieldName);
            case IDictionary<string, object?> dictionary:
                return dictionary.TryGetValue(fieldName, out var value) ? value : null;
            case JsonElement { ValueKind: JsonValueKind.Object } element:
                return element.TryGetProperty(fieldName, out var property) ? JsValues.FromJson(property) : null;
            default:
                var getter = Getters.GetOrAdd((parent.GetType(), fieldName), static key => CreateGetter(key.Item1, key.Item2));
                return getter?.Invoke(parent);
        }
    }

    private static Func<object, object?>? CreateGetter(Type type, string name)
    {
        var property = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (property?.GetMethod is null)
        {
            return null;
        }

        var instance = Expression.Parameter(typeof(object), "instance");
        var body = Expression.Convert(Expression.Property(Expression.Convert(instance, type), property), typeof(object));
        return Expression.Lambda<Func<object, object?>>(body, instance).Compile();
    }
}

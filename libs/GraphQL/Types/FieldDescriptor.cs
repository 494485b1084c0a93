using Twins.GraphQL.Execution;
using Twins.GraphQL.Language;
using Twins.GraphQL.Types.Internal;

namespace Twins.GraphQL.Types;

/// <summary>Configures an output field in code.</summary>
public sealed class FieldDescriptor
{
    private readonly FieldConfig _config;

    internal FieldDescriptor(FieldConfig config)
    {
        _config = config;
    }

    /// <summary>Sets the return type in SDL syntax, such as <c>"[Vehicle!]!"</c>.</summary>
    public FieldDescriptor Type(string type)
    {
        _config.Type = Utf8GraphQLParser.ParseType(type);
        return this;
    }

    /// <summary>Sets the description.</summary>
    public FieldDescriptor Description(string description)
    {
        _config.Description = description;
        return this;
    }

    /// <summary>Adds an argument of type <paramref name="type"/> (SDL syntax).</summary>
    public FieldDescriptor Argument(string name, string type, Action<InputValueDescriptor>? configure = null)
    {
        var argument = new InputValueConfig(name) { Type = Utf8GraphQLParser.ParseType(type) };
        configure?.Invoke(new InputValueDescriptor(argument));
        _config.Arguments.Add(argument);
        return this;
    }

    /// <summary>Marks the field deprecated.</summary>
    public FieldDescriptor Deprecated(string reason = "No longer supported")
    {
        _config.DeprecationReason = reason;
        return this;
    }

    /// <summary>Sets the cost this field adds to a request's cost (default 1 for leaves, 10 for resolvers returning objects or lists).</summary>
    public FieldDescriptor Cost(int weight)
    {
        _config.Cost = weight;
        return this;
    }

    /// <summary>Sets an asynchronous resolver.</summary>
    public FieldDescriptor Resolve(FieldResolver resolver)
    {
        _config.Resolver = resolver;
        return this;
    }

    /// <summary>Sets an asynchronous resolver returning a typed task.</summary>
    public FieldDescriptor ResolveAsync<T>(Func<IResolverContext, Task<T>> resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        _config.Resolver = async context => await resolver(context).ConfigureAwait(false);
        return this;
    }

    /// <summary>Sets a synchronous resolver.</summary>
    public FieldDescriptor Resolve(Func<IResolverContext, object?> resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        _config.Resolver = context => new ValueTask<object?>(resolver(context));
        return this;
    }

    /// <summary>For subscription fields: sets the event stream; each event becomes the field's value.</summary>
    public FieldDescriptor Subscribe<T>(Func<IResolverContext, IAsyncEnumerable<T>> subscribe)
    {
        ArgumentNullException.ThrowIfNull(subscribe);
        _config.Subscriber = context => new ValueTask<IAsyncEnumerable<object?>>(Box(subscribe(context), context.RequestAborted));
        _config.Resolver ??= context => new ValueTask<object?>(context.ParentValue);
        return this;
    }

    private static async IAsyncEnumerable<object?> Box<T>(IAsyncEnumerable<T> source, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var item in source.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            yield return item;
        }
    }
}

using System.Collections;
using Twins.GraphQL.Language;
using Twins.GraphQL.Types;

namespace Twins.GraphQL.Execution;

/// <summary>Executes a validated operation (specification section 6, graphql-js execute).</summary>
internal static partial class Executor
{
    private static readonly object Skip = new();

    public static async Task<ExecutionResult> ExecuteAsync(OperationContext context)
    {
        var rootType = RootType(context);
        if (rootType is null)
        {
            return ExecutionResult.FromErrors([LocatedAt($"Schema is not configured to execute {SyntaxPrinter.OperationName(context.Operation.Operation)} operation.", context.Operation)]);
        }

        var fields = CollectFields(context, rootType, context.Operation.SelectionSet);
        var path = (ResponsePath?)null;
        object? data;
        try
        {
            var execution = context.Operation.Operation == OperationType.Mutation
                ? ExecuteFieldsSeriallyAsync(context, rootType, context.Request.RootValue, path, fields)
                : ExecuteFieldsAsync(context, rootType, context.Request.RootValue, path, fields).AsTask();
            data = await context.Scheduler.RunAsync(execution, context.CancellationToken).ConfigureAwait(false);
        }
        catch (FieldErrorException error)
        {
            context.AddError(error.Error);
            data = null;
        }

        return new ExecutionResult(data, true, context.TakeErrors());
    }

    public static ObjectType? RootType(OperationContext context) => context.Operation.Operation switch
    {
        OperationType.Query => context.Schema.QueryType,
        OperationType.Mutation => context.Schema.MutationType,
        _ => context.Schema.SubscriptionType,
    };

    public static OrderedDictionary<string, List<FieldNode>> CollectFields(OperationContext context, ObjectType type, SelectionSetNode selectionSet)
    {
        if (context.FieldCache.TryGetValue((selectionSet, type), out var cached))
        {
            return cached;
        }

        var fields = new OrderedDictionary<string, List<FieldNode>>(StringComparer.Ordinal);
        CollectFields(context, type, selectionSet, fields, null);
        context.FieldCache[(selectionSet, type)] = fields;
        return fields;
    }

    private static void CollectFields(OperationContext context, ObjectType type, SelectionSetNode selectionSet, OrderedDictionary<string, List<FieldNode>> fields, HashSet<string>? visited)
    {
        foreach (var selection in selectionSet.Selections)
        {
            switch (selection)
            {
                case FieldNode field:
                    if (!ShouldInclude(context, field.Directives))
                    {
                        continue;
                    }

                    var key = field.ResponseName;
                    if (!fields.TryGetValue(key, out var list))
                    {
                        list = [];
                        fields[key] = list;
                    }

                    list.Add(field);
                    break;
                case InlineFragmentNode inline:
                    if (!ShouldInclude(context, inline.Directives) || !FragmentConditionMatches(context, inline.TypeCondition, type))
                    {
                        continue;
                    }

                    CollectFields(context, type, inline.SelectionSet, fields, visited);
                    break;
                case FragmentSpreadNode spread:
                    var name = spread.Name.Value;
                    visited ??= new HashSet<string>(StringComparer.Ordinal);
                    if (visited.Contains(name) || !ShouldInclude(context, spread.Directives))
                    {
                        continue;
                    }

                    visited.Add(name);
                    if (!context.Fragments.TryGetValue(name, out var fragment) || !FragmentConditionMatches(context, fragment.TypeCondition, type))
                    {
                        continue;
                    }

                    CollectFields(context, type, fragment.SelectionSet, fields, visited);
                    break;
                default:
                    break;
            }
        }
    }

    private static bool ShouldInclude(OperationContext context, IReadOnlyList<DirectiveNode> directives)
    {
        if (directives.Count == 0)
        {
            return true;
        }

        foreach (var directive in directives)
        {
            var name = directive.Name.Value;
            if (name is not ("skip" or "include"))
            {
                continue;
            }

            var definition = context.Schema.Directives[name];
            var values = ValueCoercion.ArgumentValues(definition.Arguments, directive.Arguments, context.Variables, directive);
            var condition = values.GetValueOrDefault("if") is true;
            if (name == "skip" ? condition : !condition)
            {
                return false;
            }
        }

        return true;
    }

    private static bool FragmentConditionMatches(OperationContext context, NamedTypeNode? condition, ObjectType type)
    {
        if (condition is null)
        {
            return true;
        }

        var conditionType = context.Schema.GetType(condition.Name.Value);
        if (ReferenceEquals(conditionType, type))
        {
            return true;
        }

        return conditionType is { IsAbstract: true } && context.Schema.IsSubType(conditionType, type);
    }

    private static async ValueTask<object?> ExecuteFieldsAsync(OperationContext context, ObjectType type, object? source, ResponsePath? path, OrderedDictionary<string, List<FieldNode>> fields)
    {
        var count = fields.Count;
#pragma warning disable CA2012 // each ValueTask is started here and awaited exactly once below, so siblings run concurrently
        var pending = new ValueTask<object?>[count];
        for (var i = 0; i < count; i++)
        {
            var (key, nodes) = fields.GetAt(i);
            pending[i] = ExecuteFieldAsync(context, type, source, nodes, new ResponsePath(path, key));
        }
#pragma warning restore CA2012

        var result = new ResultMap(count);
        FieldErrorException? propagated = null;
        for (var i = 0; i < count; i++)
        {
            try
            {
                var value = pending[i].IsCompletedSuccessfully ? pending[i].Result : await pending[i].ConfigureAwait(false);
                if (!ReferenceEquals(value, Skip))
                {
                    result.Add(new KeyValuePair<string, object?>(fields.GetAt(i).Key, value));
                }
            }
            catch (FieldErrorException error)
            {
                propagated ??= error;
            }
        }

        if (propagated is not null)
        {
            throw propagated;
        }

        return result;
    }

    private static async Task<object?> ExecuteFieldsSeriallyAsync(OperationContext context, ObjectType type, object? source, ResponsePath? path, OrderedDictionary<string, List<FieldNode>> fields)
    {
        var result = new ResultMap(fields.Count);
        foreach (var (key, nodes) in fields)
        {
            var value = await context.Scheduler.RunAsync(ExecuteFieldAsync(context, type, source, nodes, new ResponsePath(path, key)).AsTask(), context.CancellationToken).ConfigureAwait(false);
            if (!ReferenceEquals(value, Skip))
            {
                result.Add(new KeyValuePair<string, object?>(key, value));
            }
        }

        return result;
    }

    private static async ValueTask<object?> ExecuteFieldAsync(OperationContext context, ObjectType parentType, object? source, List<FieldNode> fieldNodes, ResponsePath path)
    {
        var fieldNode = fieldNodes[0];
        var field = context.Schema.GetField(parentType, fieldNode.Name.Value);
        if (field is null)
        {
            return Skip;
        }

        try
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var arguments = field.Arguments.Count == 0 && fieldNode.Arguments.Count == 0
                ? EmptyArguments
                : ValueCoercion.ArgumentValues(field.Arguments, fieldNode.Arguments, context.Variables, fieldNode);
            var resolverContext = new ResolverContext(context, parentType, field, fieldNodes, path, source, arguments);
            var pending = field.Resolver is { } resolver ? resolver(resolverContext) : new ValueTask<object?>(DefaultResolver.Resolve(source, field.Name));
            var resolved = pending.IsCompletedSuccessfully ? pending.Result : await pending.ConfigureAwait(false);
            if (resolved is Task task)
            {
                // A synchronous resolver that returned a task (for example a DataLoader's LoadAsync): await it.
                resolved = await TaskResults.GetResultAsync(task).ConfigureAwait(false);
            }

            var completion = CompleteValueAsync(context, field.Type, fieldNodes, path, resolved, resolverContext);
            return completion.IsCompletedSuccessfully ? completion.Result : await completion.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            return HandleFieldError(context, ToError(exception, fieldNodes, path, context), field.Type);
        }
    }

    private static readonly Dictionary<string, object?> EmptyArguments = new(StringComparer.Ordinal);

    private static object? HandleFieldError(OperationContext context, GraphQLError error, IGraphQLType returnType)
    {
        if (returnType is NonNullType)
        {
            throw new FieldErrorException(error);
        }

        context.AddError(error);
        return null;
    }

    private static async ValueTask<object?> CompleteValueAsync(OperationContext context, IGraphQLType returnType, List<FieldNode> fieldNodes, ResponsePath path, object? result, ResolverContext info)
    {
        if (result is Exception exception)
        {
            throw exception;
        }

        if (returnType is NonNullType nonNull)
        {
            var inner = CompleteValueAsync(context, nonNull.OfType, fieldNodes, path, result, info);
            var completed = inner.IsCompletedSuccessfully ? inner.Result : await inner.ConfigureAwait(false);
            return completed ?? throw new GraphQLException($"Cannot return null for non-nullable field {info.ObjectType.Name}.{info.Field.Name}.");
        }

        if (result is null)
        {
            return null;
        }

        switch (returnType)
        {
            case ListType list:
                return await CompleteListAsync(context, list, fieldNodes, path, result, info).ConfigureAwait(false);
            case ScalarType scalar:
                return scalar.Serialize(result) ?? throw new GraphQLException($"Expected `{scalar.Name}.serialize({JsValues.Inspect(result)})` to return non-nullable value, returned: null");
            case EnumType enumType:
                return enumType.Serialize(result);
            case ObjectType objectType:
                return await CompleteObjectAsync(context, objectType, fieldNodes, path, result).ConfigureAwait(false);
            case NamedType { IsAbstract: true } abstractType:
                var runtimeType = context.Schema.ResolveAbstractType(abstractType, result, info);
                return await CompleteObjectAsync(context, runtimeType!, fieldNodes, path, result).ConfigureAwait(false);
            default:
                throw new InvalidOperationException($"Cannot complete a value of type {returnType}.");
        }
    }

    private static async ValueTask<object?> CompleteListAsync(OperationContext context, ListType list, List<FieldNode> fieldNodes, ResponsePath path, object result, ResolverContext info)
    {
        if (result is string or IDictionary<string, object?> || result is not IEnumerable items)
        {
            throw new GraphQLException($"Expected Iterable, but did not find one for field \"{info.ObjectType.Name}.{info.Field.Name}\".");
        }

        var pending = new List<ValueTask<object?>>(result is ICollection collection ? collection.Count : 8);
        var index = 0;
#pragma warning disable CA2012 // each ValueTask is started here and awaited exactly once below, so items batch together
        foreach (var item in items)
        {
            pending.Add(CompleteListItemAsync(context, list.OfType, fieldNodes, new ResponsePath(path, index++), item, info));
        }
#pragma warning restore CA2012

        var completed = new object?[pending.Count];
        FieldErrorException? propagated = null;
        for (var i = 0; i < pending.Count; i++)
        {
            try
            {
                completed[i] = pending[i].IsCompletedSuccessfully ? pending[i].Result : await pending[i].ConfigureAwait(false);
            }
            catch (FieldErrorException error)
            {
                propagated ??= error;
            }
        }

        if (propagated is not null)
        {
            throw propagated;
        }

        return completed;
    }

    private static async ValueTask<object?> CompleteListItemAsync(OperationContext context, IGraphQLType itemType, List<FieldNode> fieldNodes, ResponsePath path, object? item, ResolverContext info)
    {
        try
        {
            var completion = CompleteValueAsync(context, itemType, fieldNodes, path, item, info);
            return completion.IsCompletedSuccessfully ? completion.Result : await completion.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            return HandleFieldError(context, ToError(exception, fieldNodes, path, context), itemType);
        }
    }

    private static ValueTask<object?> CompleteObjectAsync(OperationContext context, ObjectType type, List<FieldNode> fieldNodes, ResponsePath path, object result)
    {
        if (type.IsTypeOf is { } isTypeOf && !isTypeOf(result))
        {
            throw new GraphQLException($"Expected value of type \"{type.Name}\" but got: {JsValues.Inspect(result)}.");
        }

        OrderedDictionary<string, List<FieldNode>> subfields;
        if (fieldNodes.Count == 1)
        {
            subfields = CollectFields(context, type, fieldNodes[0].SelectionSet!);
        }
        else
        {
            subfields = new OrderedDictionary<string, List<FieldNode>>(StringComparer.Ordinal);
            foreach (var node in fieldNodes)
            {
                if (node.SelectionSet is not null)
                {
                    CollectFields(context, type, node.SelectionSet, subfields, null);
                }
            }
        }

        return ExecuteFieldsAsync(context, type, result, path, subfields);
    }

    internal static GraphQLError ToError(Exception exception, IReadOnlyList<FieldNode> fieldNodes, ResponsePath path, OperationContext context)
    {
        switch (exception)
        {
            case FieldErrorException located:
                return located.Error;
            case LocatedException located:
                return new GraphQLError(located.Message, [Location(located.Node)], path.ToList(), Extensions(located));
            case GraphQLException graphQL:
                return new GraphQLError(graphQL.Message, Locations(fieldNodes), path.ToList(), Extensions(graphQL));
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                return new GraphQLError("The operation was cancelled or exceeded the execution timeout.", Locations(fieldNodes), path.ToList(), ErrorExtensions.Code(ErrorCodes.Timeout));
            default:
                context.OnUnexpectedError?.Invoke(exception);
                return new GraphQLError(
                    context.Options.IncludeExceptionDetails ? exception.Message : "Unexpected Execution Error",
                    Locations(fieldNodes),
                    path.ToList(),
                    ErrorExtensions.Code(ErrorCodes.InternalError));
        }
    }

    private static Dictionary<string, object?>? Extensions(GraphQLException exception)
    {
        if (exception.Code is null && exception.Extensions is null)
        {
            return null;
        }

        var map = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (exception.Extensions is not null)
        {
            foreach (var (key, value) in exception.Extensions)
            {
                map[key] = value;
            }
        }

        if (exception.Code is not null)
        {
            map["code"] = exception.Code;
        }

        return map;
    }

    internal static ErrorLocation Location(SyntaxNode node) => new(node.Location.Line, node.Location.Column);

    private static ErrorLocation[] Locations(IReadOnlyList<FieldNode> nodes)
    {
        var locations = new ErrorLocation[nodes.Count];
        for (var i = 0; i < nodes.Count; i++)
        {
            locations[i] = Location(nodes[i]);
        }

        return locations;
    }

    internal static GraphQLError LocatedAt(string message, SyntaxNode node, string? code = null) =>
        new(message, [Location(node)], null, code is null ? null : ErrorExtensions.Code(code));
}

using System.Reflection;
using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;
using Twins.GraphQL.Execution;

namespace Twins.GraphQL.Types.Internal;

/// <summary>
/// Turns the public methods of a resolver class into field resolvers. A method resolves the field named
/// by <see cref="GraphQLNameAttribute"/>, else its name in camelCase without "Get" and "Async"
/// (<c>GetVehicleAsync</c> → <c>vehicle</c>). Parameters bind, in order of preference: the resolver
/// context, the cancellation token (RequestAborted), the user, a <see cref="ParentAttribute"/> parent,
/// an argument of the same name, else a service from the request's services. Results may be plain
/// values, <see cref="Task{TResult}"/> or <see cref="ValueTask{TResult}"/>. Instance methods run on an
/// instance taken from (or created with) the request's services.
/// </summary>
internal static class ResolverMethodBinder
{
    public static void Bind(TypeConfig config, Type resolverType, List<string> errors)
    {
        var methods = resolverType.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName);
        foreach (var method in methods)
        {
            var field = FindField(config, method);
            if (field is null)
            {
                errors.Add($"Resolver method {resolverType.Name}.{method.Name} matches no field of type \"{config.Name}\".");
                continue;
            }

            field.Resolver = CreateResolver(resolverType, method, field);
        }
    }

    private static FieldConfig? FindField(TypeConfig config, MethodInfo method)
    {
        if (method.GetCustomAttribute<GraphQLNameAttribute>() is { } named)
        {
            return config.Fields.Find(f => f.Name == named.Name);
        }

        var name = method.Name.EndsWith("Async", StringComparison.Ordinal) ? method.Name[..^5] : method.Name;
        var candidates = new List<string> { CamelCase(name) };
        if (name.StartsWith("Get", StringComparison.Ordinal) && name.Length > 3)
        {
            candidates.Add(CamelCase(name[3..]));
        }

        return config.Fields.Find(f => candidates.Contains(f.Name));
    }

    private static string CamelCase(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    private static FieldResolver CreateResolver(Type resolverType, MethodInfo method, FieldConfig field)
    {
        var parameters = method.GetParameters();
        var binders = parameters.Select(p => ParameterBinder(p, field)).ToArray();
        var unwrap = ResultUnwrapper(method.ReturnType);
        return context =>
        {
            var target = method.IsStatic ? null : ActivatorUtilities.GetServiceOrCreateInstance(context.Services, resolverType);
            var arguments = new object?[binders.Length];
            for (var i = 0; i < binders.Length; i++)
            {
                arguments[i] = binders[i](context);
            }

            object? result;
            try
            {
                result = method.Invoke(target, arguments);
            }
            catch (TargetInvocationException invocation) when (invocation.InnerException is not null)
            {
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(invocation.InnerException).Throw();
                throw;
            }

            return unwrap(result);
        };
    }

    private static Func<IResolverContext, object?> ParameterBinder(ParameterInfo parameter, FieldConfig field)
    {
        var type = parameter.ParameterType;
        if (type == typeof(IResolverContext))
        {
            return context => context;
        }

        if (type == typeof(CancellationToken))
        {
            return context => context.RequestAborted;
        }

        if (type == typeof(ClaimsPrincipal))
        {
            return context => context.User;
        }

        if (parameter.GetCustomAttribute<ParentAttribute>() is not null)
        {
            return context => context.ParentValue;
        }

        var name = parameter.GetCustomAttribute<GraphQLNameAttribute>()?.Name ?? parameter.Name!;
        if (field.Arguments.Any(a => a.Name == name))
        {
            var convert = typeof(IResolverContext).GetMethod(nameof(IResolverContext.ArgumentValue))!.MakeGenericMethod(type);
            return context => convert.Invoke(context, [name]);
        }

        return context => context.Services.GetService(type)
            ?? throw new InvalidOperationException($"No service of type {type.Name} for parameter '{parameter.Name}' of the resolver of {field.Name}.");
    }

    private static Func<object?, ValueTask<object?>> ResultUnwrapper(Type returnType)
    {
        if (typeof(Task).IsAssignableFrom(returnType))
        {
            return result => new ValueTask<object?>(TaskResults.GetResultAsync((Task)result!));
        }

        if (returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(ValueTask<>))
        {
            var asTask = returnType.GetMethod(nameof(ValueTask<int>.AsTask))!;
            return result => new ValueTask<object?>(TaskResults.GetResultAsync((Task)asTask.Invoke(result, null)!));
        }

        return result => new ValueTask<object?>(result);
    }
}

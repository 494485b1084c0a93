using System.Collections.Concurrent;
using System.Reflection;

namespace Twins.Actors.Transport.Internal;

/// <summary>
/// Rebuilds an exception thrown on another silo from its type name and message: the same type when it is
/// loaded here and has a (string message) constructor, otherwise a <see cref="RemoteGrainException"/>.
/// </summary>
internal static class RemoteExceptions
{
    private static readonly ConcurrentDictionary<string, ConstructorInfo?> Constructors = new(StringComparer.Ordinal);

    public static Exception Create(string typeName, string message)
    {
        var constructor = Constructors.GetOrAdd(typeName, Find);
        if (constructor is not null)
        {
            try
            {
                return (Exception)constructor.Invoke([message]);
            }
            catch (TargetInvocationException)
            {
                // Its constructor rejected the message: fall back to the generic form.
            }
        }

        return new RemoteGrainException(typeName, message);
    }

    private static ConstructorInfo? Find(string typeName)
    {
        var type = Type.GetType(typeName, throwOnError: false)
            ?? AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(typeName, throwOnError: false)).FirstOrDefault(t => t is not null);
        return type is not null && typeof(Exception).IsAssignableFrom(type) && !type.IsAbstract
            ? type.GetConstructor([typeof(string)])
            : null;
    }
}

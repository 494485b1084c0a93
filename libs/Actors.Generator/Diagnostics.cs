using Microsoft.CodeAnalysis;

namespace Twins.Actors.Generator;

/// <summary>Compile-time errors for grain interfaces the runtime cannot call.</summary>
internal static class Diagnostics
{
    private const string Category = "Twins.Actors";

    public static readonly DiagnosticDescriptor InvalidReturnType = new(
        "TWACT001",
        "Grain method has an unsupported return type",
        "Grain method '{0}.{1}' returns '{2}'; grain methods must return Task, Task<T>, ValueTask or ValueTask<T> (observer methods may also return void, which makes them one-way)",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor NotSerializable = new(
        "TWACT002",
        "Grain method uses a type that cannot be serialized",
        "{0} of grain method '{1}.{2}' has type '{3}', which cannot be serialized for a remote call ({4}); use an immutable record, a primitive, a collection of those, or a grain reference",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor ByRefParameter = new(
        "TWACT003",
        "Grain method has a ref, out or in parameter",
        "Parameter '{0}' of grain method '{1}.{2}' is passed by reference; grain methods take their arguments by value",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor GenericNotSupported = new(
        "TWACT004",
        "Generic grain interfaces and methods are not supported",
        "'{0}' is generic; grain interfaces and their methods cannot have type parameters",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor MemberNotMethod = new(
        "TWACT005",
        "Grain interfaces may declare only methods",
        "'{0}.{1}' is not a method; grain interfaces may declare only methods (no properties or events)",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor OneWayWithResult = new(
        "TWACT006",
        "A one-way grain method cannot return a result",
        "Grain method '{0}.{1}' is [OneWay] but returns '{2}'; one-way methods get no response, so they must return Task or ValueTask",
        Category, DiagnosticSeverity.Error, isEnabledByDefault: true);
}

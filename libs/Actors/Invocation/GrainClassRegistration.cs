using System.ComponentModel;

namespace Twins.Actors.Invocation;

/// <summary>A grain class: whether it is reentrant and how to construct it.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class GrainClassRegistration
{
    private readonly Func<IServiceProvider, IGrainActivationContext, object> _factory;

    internal GrainClassRegistration(Type grainClass, bool isReentrant, Func<IServiceProvider, IGrainActivationContext, object> factory)
    {
        GrainClass = grainClass;
        IsReentrant = isReentrant;
        _factory = factory;
    }

    /// <summary>The grain class.</summary>
    public Type GrainClass { get; }

    /// <summary>Whether the class has <see cref="ReentrantAttribute"/>.</summary>
    public bool IsReentrant { get; }

    /// <summary>Constructs the grain.</summary>
    public object Create(IServiceProvider services, IGrainActivationContext context) => _factory(services, context);
}

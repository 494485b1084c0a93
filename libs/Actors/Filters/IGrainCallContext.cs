using Twins.Actors.Invocation;

namespace Twins.Actors.Filters;

/// <summary>A grain call as a filter sees it.</summary>
public interface IGrainCallContext
{
    /// <summary>The grain called.</summary>
    GrainId TargetId { get; }

    /// <summary>The request: interface, method and arguments (<see cref="GrainRequest.GetArgument"/>).</summary>
    GrainRequest Request { get; }

    /// <summary>The interface's name.</summary>
    string InterfaceName { get; }

    /// <summary>The method's name.</summary>
    string MethodName { get; }

    /// <summary>The result, after <see cref="Invoke"/> returned; a filter may replace it.</summary>
    object? Result { get; set; }

    /// <summary>Runs the next filter, or the call itself.</summary>
    Task Invoke();
}

using Microsoft.Extensions.DependencyInjection;
using Twins.Actors.Hosting;

namespace Twins.Actors.Internal;

/// <summary>The builder <c>AddTwinsSilo</c> returns.</summary>
internal sealed class SiloBuilder(IServiceCollection services) : ISiloBuilder
{
    public IServiceCollection Services { get; } = services;
}

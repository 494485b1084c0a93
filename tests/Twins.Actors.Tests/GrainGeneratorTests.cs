using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Twins.Actors.Generator;

namespace Twins.Actors.Tests;

public sealed class GrainGeneratorTests
{
    [Fact]
    public void Generate_ValidInterface_EmitsProxyAndRequestsWithoutDiagnostics()
    {
        var (diagnostics, sources) = Run("""
            public interface IFleetGrain : Twins.Actors.IGrainWithStringKey
            {
                System.Threading.Tasks.Task<int> CountAsync(string filter, System.Threading.CancellationToken cancellationToken);
                System.Threading.Tasks.ValueTask ResetAsync(System.Collections.Generic.IReadOnlyList<string> names);
            }
            """);

        Assert.Empty(diagnostics);
        var proxy = Assert.Single(sources, s => s.Contains("class IFleetGrain_Proxy", StringComparison.Ordinal));
        Assert.Contains("IFleetGrain_CountAsync_0_Request", proxy, StringComparison.Ordinal);
        Assert.Contains("GrainInterfaceRegistry.Register<global::IFleetGrain>(\"fleet\"", string.Concat(sources), StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_MethodReturningAValue_ReportsTheReturnTypeRule()
    {
        var (diagnostics, _) = Run("""
            public interface IBadGrain : Twins.Actors.IGrainWithStringKey
            {
                int Count();
            }
            """);

        var error = Assert.Single(diagnostics);
        Assert.Equal("TWACT001", error.Id);
        Assert.Contains("'IBadGrain.Count' returns 'int'", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_OneWayObserverMethod_FlagsTheRequestOneWay()
    {
        var (diagnostics, sources) = Run("""
            public interface ITickObserver : Twins.Actors.IGrainObserver
            {
                [Twins.Actors.OneWay]
                System.Threading.Tasks.Task TickAsync(int count);
            }
            """, compile: true);

        Assert.Empty(diagnostics);
        var generated = Assert.Single(sources, s => s.Contains("class ITickObserver_Proxy", StringComparison.Ordinal));
        Assert.Contains("Flags => global::Twins.Actors.Invocation.InvokeMethodOptions.OneWay", generated, StringComparison.Ordinal);
        Assert.Contains("GrainInterfaceRegistry.Register<global::ITickObserver>(\"observer\"", string.Concat(sources), StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_VoidMethod_IsOneWayOnObserversAndAnErrorOnGrains()
    {
        var (observerDiagnostics, sources) = Run("""
            public interface IPingObserver : Twins.Actors.IGrainObserver
            {
                void Ping(string text);
            }
            """, compile: true);
        var (grainDiagnostics, _) = Run("""
            public interface IPingGrain : Twins.Actors.IGrainWithStringKey
            {
                void Ping(string text);
            }
            """);

        Assert.Empty(observerDiagnostics);
        Assert.Contains("Flags => global::Twins.Actors.Invocation.InvokeMethodOptions.OneWay", Assert.Single(sources, s => s.Contains("class IPingObserver_Proxy", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.Equal("TWACT001", Assert.Single(grainDiagnostics).Id);
    }

    [Fact]
    public void Generate_OneWayMethodReturningAValue_ReportsTheOneWayRule()
    {
        var (diagnostics, _) = Run("""
            public interface IAskObserver : Twins.Actors.IGrainObserver
            {
                [Twins.Actors.OneWay]
                System.Threading.Tasks.Task<int> AskAsync();
            }
            """);

        var error = Assert.Single(diagnostics);
        Assert.Equal("TWACT006", error.Id);
        Assert.Contains("'IAskObserver.AskAsync' is [OneWay]", error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("System.Func<int>", "delegates")]
    [InlineData("object", "polymorphic")]
    [InlineData("System.IO.Stream", "streams")]
    [InlineData("System.IDisposable", "interface")]
    public void Generate_NonSerializableArgument_ReportsTheArgumentRule(string type, string reason)
    {
        var (diagnostics, _) = Run($$"""
            public interface IBadGrain : Twins.Actors.IGrainWithStringKey
            {
                System.Threading.Tasks.Task SendAsync({{type}} value);
            }
            """);

        var error = Assert.Single(diagnostics);
        Assert.Equal("TWACT002", error.Id);
        Assert.Contains(reason, error.GetMessage(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_RefParameter_ReportsTheByRefRule()
    {
        var (diagnostics, _) = Run("""
            public interface IBadGrain : Twins.Actors.IGrainWithStringKey
            {
                System.Threading.Tasks.Task SendAsync(ref int value);
            }
            """);

        Assert.Equal("TWACT003", Assert.Single(diagnostics).Id);
    }

    [Fact]
    public void Generate_GrainClass_ResolvesPersistentStateAndServices()
    {
        var (diagnostics, sources) = Run("""
            public interface IPlateGrain : Twins.Actors.IGrainWithStringKey
            {
                System.Threading.Tasks.Task SetAsync(string plate);
            }

            public sealed class PlateGrain(
                [Twins.Actors.Storage.PersistentState("plate", "store")] Twins.Actors.Storage.IPersistentState<string> state,
                System.TimeProvider time,
                [Microsoft.Extensions.DependencyInjection.FromKeyedServices("fleet")] System.TimeProvider fleetTime) : Twins.Actors.Grain, IPlateGrain
            {
                public System.Threading.Tasks.Task SetAsync(string plate) => System.Threading.Tasks.Task.CompletedTask;
            }
            """);

        Assert.Empty(diagnostics);
        var registration = Assert.Single(sources, s => s.Contains("ModuleInitializer", StringComparison.Ordinal));
        Assert.Contains("context.GetPersistentState<string>(\"plate\", \"store\")", registration, StringComparison.Ordinal);
        Assert.Contains("GetRequiredService<global::System.TimeProvider>(services)", registration, StringComparison.Ordinal);
        Assert.Contains("GetRequiredKeyedService<global::System.TimeProvider>(services, \"fleet\")", registration, StringComparison.Ordinal);
    }

    [Fact]
    public void Generate_ParametersNamedLikeGeneratedIdentifiers_CompilesWithoutErrors()
    {
        // Every identifier the generated proxy, request and registration code uses, as a grain method parameter.
        var (diagnostics, sources) = Run("""
            public interface IClashGrain : Twins.Actors.IGrainWithStringKey
            {
                System.Threading.Tasks.Task<int> SendAsync(string request, int Dispatcher, string index, string value, string target, string writer, string codec, string reader);
                System.Threading.Tasks.ValueTask<int> MoreAsync(int Arg1, int Arg0, string services, string context, string dispatcher, string id, string IClashGrain_SendAsync_0_Request, System.Threading.CancellationToken cancellationToken);
                System.Threading.Tasks.ValueTask LastAsync(string @this, string @base, string global, string __request);
            }

            public sealed class ClashGrain : Twins.Actors.Grain, IClashGrain
            {
                public System.Threading.Tasks.Task<int> SendAsync(string request, int Dispatcher, string index, string value, string target, string writer, string codec, string reader) => System.Threading.Tasks.Task.FromResult(Dispatcher);
                public System.Threading.Tasks.ValueTask<int> MoreAsync(int Arg1, int Arg0, string services, string context, string dispatcher, string id, string IClashGrain_SendAsync_0_Request, System.Threading.CancellationToken cancellationToken) => new(Arg0 + Arg1);
                public System.Threading.Tasks.ValueTask LastAsync(string @this, string @base, string global, string __request) => default;
            }
            """, compile: true);

        Assert.Empty(diagnostics);
        Assert.Contains(sources, s => s.Contains("class IClashGrain_Proxy", StringComparison.Ordinal));
    }

    private static (ImmutableArray<Diagnostic> Diagnostics, string[] Sources) Run(string source, bool compile = false)
    {
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!)
            .Split(Path.PathSeparator)
            .Select(path => MetadataReference.CreateFromFile(path))
            .Append(MetadataReference.CreateFromFile(typeof(IGrain).Assembly.Location))
            .Append(MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.DependencyInjection.FromKeyedServicesAttribute).Assembly.Location));
        var compilation = CSharpCompilation.Create(
            "Sample",
            [CSharpSyntaxTree.ParseText(source)],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var driver = CSharpGeneratorDriver.Create(new GrainGenerator()).RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        var result = driver.GetRunResult();
        var diagnostics = compile
            ? result.Diagnostics.AddRange(output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error))
            : result.Diagnostics;
        return (diagnostics, result.GeneratedTrees.Select(t => t.ToString()).ToArray());
    }
}

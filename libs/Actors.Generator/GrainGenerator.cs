using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Twins.Actors.Generator;

/// <summary>
/// Emits, for every grain and grain-observer interface, a proxy (builds a request object and hands it to
/// the runtime) and one request class per method (holds the arguments, invokes the grain, serializes the
/// arguments for remote calls); for every grain class, a factory that resolves its constructor
/// parameters without reflection. Everything is registered from one module initializer per assembly.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class GrainGenerator : IIncrementalGenerator
{
    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var candidates = context.SyntaxProvider.CreateSyntaxProvider(
            static (node, _) => node is TypeDeclarationSyntax { BaseList: not null } and (InterfaceDeclarationSyntax or ClassDeclarationSyntax),
            static (ctx, ct) => ctx.SemanticModel.GetDeclaredSymbol(ctx.Node, ct) as INamedTypeSymbol)
            .Where(static s => s is not null)
            .Collect();

        context.RegisterSourceOutput(candidates.Combine(context.CompilationProvider), static (spc, input) =>
        {
            var (symbols, compilation) = input;
            var known = KnownSymbols.Create(compilation);
            if (known is null)
            {
                return;
            }

            var emitter = new GrainEmitter(known, spc);
            var seen = new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            foreach (var symbol in symbols)
            {
                if (symbol is null || !seen.Add(symbol))
                {
                    continue;
                }

                if (symbol.TypeKind == TypeKind.Interface)
                {
                    if (known.IsGrainInterface(symbol) || known.IsObserverInterface(symbol))
                    {
                        emitter.AddInterface(symbol);
                    }
                }
                else if (symbol.TypeKind == TypeKind.Class && !symbol.IsAbstract && !symbol.IsStatic && symbol.AllInterfaces.Any(known.IsGrainInterface))
                {
                    emitter.AddGrainClass(symbol);
                }
            }

            emitter.EmitRegistration(compilation.AssemblyName ?? "Assembly");
        });
    }
}

using Twins.GraphQL.Execution;
using Twins.GraphQL.Language;
using Twins.GraphQL.Types;

namespace Twins.GraphQL.Validation;

/// <summary>What rules see: the schema, the document, type information at the current node, and the errors so far.</summary>
internal sealed class ValidationContext
{
    private readonly TypeInfo _typeInfo;
    private readonly Dictionary<SelectionSetNode, List<FragmentSpreadNode>> _spreads = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<OperationDefinitionNode, List<FragmentDefinitionNode>> _recursiveFragments = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<ExecutableDefinitionNode, List<VariableUsage>> _usages = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<OperationDefinitionNode, List<VariableUsage>> _recursiveUsages = new(ReferenceEqualityComparer.Instance);

    public ValidationContext(Schema schema, DocumentNode document, TypeInfo typeInfo, int maxErrors)
    {
        Schema = schema;
        Document = document;
        _typeInfo = typeInfo;
        MaxErrors = maxErrors;
        foreach (var definition in document.Definitions)
        {
            if (definition is FragmentDefinitionNode fragment)
            {
                Fragments.TryAdd(fragment.Name.Value, fragment);
            }
        }
    }

    public Schema Schema { get; }

    public DocumentNode Document { get; }

    public int MaxErrors { get; }

    public Dictionary<string, FragmentDefinitionNode> Fragments { get; } = new(StringComparer.Ordinal);

    public List<GraphQLError> Errors { get; } = [];

    public DocumentWalker? Walker { get; set; }

    public IGraphQLType? Type => _typeInfo.Type;

    public NamedType? ParentType => _typeInfo.ParentType;

    public IGraphQLType? InputType => _typeInfo.InputType;

    public IGraphQLType? ParentInputType => _typeInfo.ParentInputType;

    public OutputField? FieldDef => _typeInfo.FieldDef;

    public DirectiveType? Directive => _typeInfo.Directive;

    public InputField? Argument => _typeInfo.Argument;

    public void Report(string message, params SyntaxNode[] nodes)
    {
        if (Errors.Count >= MaxErrors)
        {
            throw new TooManyErrorsException();
        }

        Errors.Add(new GraphQLError(message, nodes.Select(n => new ErrorLocation(n.Location.Line, n.Location.Column)).ToList(), null, ErrorExtensions.Code(ErrorCodes.ValidationFailed)));
    }

    public FragmentDefinitionNode? GetFragment(string name) => Fragments.GetValueOrDefault(name);

    public List<FragmentSpreadNode> GetFragmentSpreads(SelectionSetNode selectionSet)
    {
        if (_spreads.TryGetValue(selectionSet, out var cached))
        {
            return cached;
        }

        var spreads = new List<FragmentSpreadNode>();
        var setsToVisit = new Stack<SelectionSetNode>();
        setsToVisit.Push(selectionSet);
        while (setsToVisit.TryPop(out var set))
        {
            foreach (var selection in set.Selections)
            {
                switch (selection)
                {
                    case FragmentSpreadNode spread:
                        spreads.Add(spread);
                        break;
                    case FieldNode { SelectionSet: { } fieldSet }:
                        setsToVisit.Push(fieldSet);
                        break;
                    case InlineFragmentNode inline:
                        setsToVisit.Push(inline.SelectionSet);
                        break;
                    default:
                        break;
                }
            }
        }

        _spreads[selectionSet] = spreads;
        return spreads;
    }

    public List<FragmentDefinitionNode> GetRecursivelyReferencedFragments(OperationDefinitionNode operation)
    {
        if (_recursiveFragments.TryGetValue(operation, out var cached))
        {
            return cached;
        }

        var fragments = new List<FragmentDefinitionNode>();
        var collected = new HashSet<string>(StringComparer.Ordinal);
        var nodesToVisit = new Stack<SelectionSetNode>();
        nodesToVisit.Push(operation.SelectionSet);
        while (nodesToVisit.TryPop(out var node))
        {
            foreach (var spread in GetFragmentSpreads(node))
            {
                var name = spread.Name.Value;
                if (collected.Add(name) && GetFragment(name) is { } fragment)
                {
                    fragments.Add(fragment);
                    nodesToVisit.Push(fragment.SelectionSet);
                }
            }
        }

        _recursiveFragments[operation] = fragments;
        return fragments;
    }

    public List<VariableUsage> GetVariableUsages(ExecutableDefinitionNode definition)
    {
        if (_usages.TryGetValue(definition, out var cached))
        {
            return cached;
        }

        var collector = new UsageCollector();
        var typeInfo = new TypeInfo(Schema);
        var walker = new DocumentWalker(typeInfo, [collector], this);
        collector.TypeInfo = typeInfo;
        walker.Walk(definition);
        _usages[definition] = collector.Usages;
        return collector.Usages;
    }

    public List<VariableUsage> GetRecursiveVariableUsages(OperationDefinitionNode operation)
    {
        if (_recursiveUsages.TryGetValue(operation, out var cached))
        {
            return cached;
        }

        var usages = new List<VariableUsage>(GetVariableUsages(operation));
        foreach (var fragment in GetRecursivelyReferencedFragments(operation))
        {
            usages.AddRange(GetVariableUsages(fragment));
        }

        _recursiveUsages[operation] = usages;
        return usages;
    }

    private sealed class UsageCollector : ValidationRule
    {
        public List<VariableUsage> Usages { get; } = [];

        public TypeInfo? TypeInfo { get; set; }

        public override bool Enter(SyntaxNode node, ValidationContext context)
        {
            if (node is VariableDefinitionNode)
            {
                return false;
            }

            if (node is VariableNode variable)
            {
                Usages.Add(new VariableUsage(variable, TypeInfo!.InputType, TypeInfo.DefaultValue, TypeInfo.ParentInputType));
            }

            return true;
        }
    }
}

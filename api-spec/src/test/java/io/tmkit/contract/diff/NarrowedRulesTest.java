package io.tmkit.contract.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tmkit.contract.Contract;
import io.tmkit.contract.ParameterRule;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each way a contract rule can accept less, or answer differently, is caught; widening is not. */
class NarrowedRulesTest {
  private static final Contract CONTRACT = Contract.bundled();

  @TempDir Path dir;

  private List<Incompatibility> after(Consumer<ObjectNode> edit) {
    return NarrowedRules.between(Contract.load(ContractEdit.current()), Contract.load(ContractEdit.write(dir, edit)));
  }

  private static ParameterRule firstWith(java.util.function.Predicate<ParameterRule> p) {
    return CONTRACT.parameters().stream().filter(p).findFirst().orElseThrow();
  }

  @Test
  void anUnchangedContractHasNoIncompatibility() {
    assertEquals(List.of(), after(root -> { }));
  }

  @Test
  void aRaisedMinimumAndALowerMaxLength() {
    ParameterRule number = firstWith(p -> p.minimum() != null && p.listItem() == null);
    ParameterRule text = firstWith(p -> p.maxLength() != null && p.listItem() == null);
    List<Incompatibility> found = after(root -> {
      ContractEdit.schema(root, number.name()).put("minimum", number.minimum() + 1);
      ContractEdit.schema(root, text.name()).put("maxLength", text.maxLength() - 1);
    });
    assertEquals(java.util.Set.of(
        new Incompatibility("parameter " + number.name(), "minimum " + number.minimum() + " → " + (number.minimum() + 1)),
        new Incompatibility("parameter " + text.name(), "maxLength " + text.maxLength() + " → " + (text.maxLength() - 1))),
        java.util.Set.copyOf(found));
  }

  @Test
  void aNewBoundWhereThereWasNone() {
    ParameterRule open = firstWith(p -> p.minLength() == null && p.enumValues().isEmpty() && !p.isInteger());
    List<Incompatibility> found = after(root -> ContractEdit.schema(root, open.name()).put("minLength", 3));
    assertTrue(found.contains(new Incompatibility("parameter " + open.name(), "minLength (none) → 3")), found.toString());
  }

  @Test
  void aChangedPattern() {
    ParameterRule p = firstWith(r -> r.pattern() != null && r.listItem() == null);
    List<Incompatibility> found = after(root -> ContractEdit.schema(root, p.name()).put("pattern", "^x$"));
    assertTrue(found.stream().anyMatch(i -> i.where().equals("parameter " + p.name()) && i.change().startsWith("pattern")),
        found.toString());
  }

  @Test
  void anEnumValueDropped() {
    ParameterRule p = firstWith(r -> !r.enumValues().isEmpty());
    List<Incompatibility> found = after(root -> ContractEdit.schema(root, p.name()).putArray("enum").add("Other"));
    assertTrue(found.stream().anyMatch(i -> i.where().equals("parameter " + p.name()) && i.change().startsWith("enum")),
        found.toString());
  }

  @Test
  void anOptionalParameterMadeRequired() {
    ParameterRule p = firstWith(r -> !r.required());
    List<Incompatibility> found = after(root -> ContractEdit.parameter(root, p.name()).put("required", true));
    assertTrue(found.contains(new Incompatibility("parameter " + p.name(), "is now required")), found.toString());
  }

  @Test
  void aChangedDefault() {
    ParameterRule p = firstWith(r -> r.defaultValue() != null && r.isInteger());
    List<Incompatibility> found = after(root -> ContractEdit.schema(root, p.name()).put("default", p.minimum()));
    assertTrue(found.stream().anyMatch(i -> i.change().startsWith("default " + p.defaultValue() + " → " + p.minimum())),
        found.toString());
  }

  @Test
  void aConstraintThatNowYieldsAnotherDocumentedError() {
    ParameterRule p = firstWith(r -> r.errors().containsKey("maxLength") && r.errors().containsKey("default"));
    List<Incompatibility> found = after(root -> ((ObjectNode) ContractEdit.parameter(root, p.name()).get("x-errors"))
        .remove("maxLength"));
    assertTrue(found.stream().anyMatch(i -> i.where().equals("parameter " + p.name())
        && i.change().startsWith("a violated maxLength answered " + p.errorFor("maxLength").label())), found.toString());
  }

  @Test
  void aLowerTagLimitAndAShorterQueryString() {
    List<Incompatibility> found = after(root -> {
      ObjectNode op = ContractEdit.operation(root);
      ((ObjectNode) op.get("x-tag-list")).put("maxItems", CONTRACT.tagList().maxItems() - 1);
      ((ObjectNode) op.get("x-limits")).put("maxQueryStringBytes", CONTRACT.limits().maxQueryStringBytes() - 1);
    });
    assertTrue(found.stream().anyMatch(i -> i.where().equals("x-tag-list") && i.change().startsWith("maxItems")), found.toString());
    assertTrue(found.stream().anyMatch(i -> i.where().equals("x-limits")), found.toString());
  }

  @Test
  void reorderedEvaluationStages() {
    List<Incompatibility> found = after(root -> {
      var order = ContractEdit.operation(root).withArray("x-evaluation-order");
      var first = order.remove(0);
      order.add(first);
    });
    assertTrue(found.stream().anyMatch(i -> i.where().equals("x-evaluation-order")), found.toString());
  }

  @Test
  void widerBoundsAndANewCatalogRowAreCompatible() {
    ParameterRule number = firstWith(p -> p.maximum() != null);
    ParameterRule text = firstWith(p -> p.maxLength() != null);
    List<Incompatibility> found = after(root -> {
      ContractEdit.schema(root, number.name()).put("maximum", number.maximum() + 1);
      ContractEdit.schema(root, text.name()).put("maxLength", text.maxLength() + 1);
      ContractEdit.operation(root).withArray("x-error-catalog").addObject()
          .put("status", 400).put("code", "New.Code").put("message", "A new answer.").put("common", false);
    });
    assertEquals(List.of(), found);
  }
}

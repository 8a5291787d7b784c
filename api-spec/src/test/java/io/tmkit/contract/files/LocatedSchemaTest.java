package io.tmkit.contract.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LocatedSchemaTest {
  private static final LocatedSchema SHELTER =
      LocatedSchema.fromResource(LocatedSchemaTest.class, "io/tmkit/contract/files/shelter.schema.json");

  @Test
  void aDocumentOfTheSchemaHasNoProblems() {
    assertEquals(List.of(), SHELTER.check("s.yaml", "name: north\npets:\n  - kind: cat\n    age: 3\n"));
    assertEquals(List.of(), SHELTER.check("s.json", "{\"name\": \"north\", \"pets\": []}"));
    assertEquals("shelter.schema.json", SHELTER.fileName());
    assertTrue(SHELTER.text().contains("\"pets\""));
  }

  @Test
  void anUnknownKeyIsLocatedAtItsValueAndAtTheKeyTyped() {
    List<LocatedSchema.Problem> problems = SHELTER.check("s.yaml", "name: north\npets:\n  - kind: cat\n    agee: 3\n");
    assertEquals(1, problems.size(), problems::toString);
    LocatedSchema.Problem p = problems.get(0);
    assertEquals("/pets/0", p.pointer());
    assertEquals("agee", p.property());
    assertTrue(p.unknownKey());
    assertEquals(4, p.line());
    assertEquals(11, p.column()); // the value 3
    assertEquals(4, p.keyLine());
    assertEquals(5, p.keyColumn()); // the key agee
    assertTrue(p.located().startsWith("/pets/0: "), p.located());
    assertFalse(p.what().startsWith("/"), p.what());
  }

  @Test
  void withinOneObjectTheUnknownKeyComesBeforeTheRequiredOneItHides() {
    List<LocatedSchema.Problem> problems = SHELTER.check("s.json",
        "{\"name\": 1,\n \"pets\": [{\"kynd\": \"cat\"},\n {\"kind\": \"cow\"}]}");
    // In document order of the object each is about; in /pets/0 the unknown key before the missing one.
    assertEquals(List.of("/name", "/pets/0", "/pets/0", "/pets/1/kind"),
        problems.stream().map(LocatedSchema.Problem::pointer).toList(), problems::toString);
    assertEquals(List.of("type", "additionalProperties", "required", "enum"),
        problems.stream().map(LocatedSchema.Problem::keyword).toList(), problems::toString);
    assertEquals(2, problems.get(2).keyLine()); // the missing key: at the object's own place
    assertEquals(3, problems.get(3).line());
  }

  @Test
  void aFileIsJsonOrYamlByItsNameElseByItsText() {
    assertTrue(LocatedSchema.isJson("inline", "  \n{\"a\": 1}"));
    assertFalse(LocatedSchema.isJson("inline", "a: {b: 1}"));
    assertFalse(LocatedSchema.isJson("inline", "{name: n, pets: [cat]}"), "a YAML flow mapping is YAML");
    assertTrue(LocatedSchema.isJson("inline", "{\"name\": \"n\",\n \"pets\": [\n"), "broken JSON, and not YAML either: JSON");
    // The file's name decides where it says: a trailing comma is broken JSON in a .json file, though YAML reads it.
    assertFalse(LocatedSchema.isJson("inline", "{\"name\": \"n\",}"));
    assertTrue(LocatedSchema.isJson("shelter.json", "{\"name\": \"n\",}"));
    assertFalse(LocatedSchema.isJson("shelter.YML", "{\"name\": \"n\"}"));
    assertFalse(LocatedSchema.isJson("shelter.yaml", "{\"name\": \"n\"}"));
    IllegalArgumentException json = assertThrows(IllegalArgumentException.class,
        () -> SHELTER.check("bad.json", "{\"name\": \"n\",\n \"pets\": [\n"));
    assertTrue(json.getMessage().startsWith("bad.json:3:1: not well-formed JSON: "), json.getMessage());
    assertEquals(1, json.getMessage().lines().count(), json.getMessage());
    IllegalArgumentException yaml = assertThrows(IllegalArgumentException.class,
        () -> SHELTER.check("bad.yaml", "name: n\npets: [1\n"));
    assertTrue(yaml.getMessage().matches("bad\\.yaml:\\d+:\\d+: not well-formed YAML: [^\\n]*"), yaml.getMessage());
    assertFalse(yaml.getMessage().contains("Source:"), yaml.getMessage());
  }

  @Test
  void anEmptyFileOrAMissingSchemaIsSaidSo() {
    IllegalArgumentException empty = assertThrows(IllegalArgumentException.class, () -> SHELTER.check("e.yaml", " \n"));
    assertEquals("e.yaml: the file is empty; expected an object as described by shelter.schema.json", empty.getMessage());
    IllegalStateException missing = assertThrows(IllegalStateException.class,
        () -> LocatedSchema.fromResource(LocatedSchemaTest.class, "no/such.schema.json"));
    assertTrue(missing.getMessage().contains("no/such.schema.json"), missing.getMessage());
  }
}

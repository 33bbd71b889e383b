/* Draw each process diagram with bpmn-js and mark elements on it: a zaak's passed and current steps, or a
   concept's lint findings (the lists beside it say the same without JavaScript). A button with
   data-element-id (a finding) shows its element on the diagram. */
(function () {
  "use strict";
  var MARKS = { done: "cumulus-step--done", current: "cumulus-step--current",
                lintErrors: "cumulus-lint--error", lintWarnings: "cumulus-lint--warning" };
  function mark(viewer, ids, marker) {
    var registry = viewer.get("elementRegistry");
    var canvas = viewer.get("canvas");
    ids.forEach(function (id) {
      if (registry.get(id)) {
        canvas.addMarker(id, marker);
      }
    });
  }
  function select(viewer, container, id) {
    var registry = viewer.get("elementRegistry");
    var canvas = viewer.get("canvas");
    registry.getAll().forEach(function (element) {
      if (canvas.hasMarker(element, "cumulus-lint--selected")) {
        canvas.removeMarker(element, "cumulus-lint--selected");
      }
    });
    var element = registry.get(id);
    if (element) {
      canvas.addMarker(id, "cumulus-lint--selected");
      canvas.scrollToElement(element);
      container.scrollIntoView({ block: "nearest" });
    }
  }
  function draw(container) {
    if (typeof BpmnJS === "undefined") {
      return;
    }
    var viewer = new BpmnJS({ container: container });
    fetch(container.dataset.diagramUrl, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.text();
      })
      .then(function (xml) { return viewer.importXML(xml); })
      .then(function () {
        viewer.get("canvas").zoom("fit-viewport");
        Object.keys(MARKS).forEach(function (key) {
          mark(viewer, JSON.parse(container.dataset[key] || "[]"), MARKS[key]);
        });
        document.querySelectorAll("[data-element-id]").forEach(function (button) {
          button.addEventListener("click", function () { select(viewer, container, button.dataset.elementId); });
        });
        container.dataset.ready = "true";
      })
      .catch(function () {
        container.textContent = "Het procesdiagram kon niet worden geladen; de lijst hierboven of hieronder is volledig.";
      });
  }
  document.querySelectorAll("[data-diagram-url]").forEach(draw);
}());

/* Draw each zaak process with bpmn-js and mark its passed and current steps (the list beside it
   says the same without JavaScript). */
(function () {
  "use strict";
  function mark(viewer, ids, marker) {
    var registry = viewer.get("elementRegistry");
    var canvas = viewer.get("canvas");
    ids.forEach(function (id) {
      if (registry.get(id)) {
        canvas.addMarker(id, marker);
      }
    });
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
        mark(viewer, JSON.parse(container.dataset.done || "[]"), "cumulus-step--done");
        mark(viewer, JSON.parse(container.dataset.current || "[]"), "cumulus-step--current");
        container.dataset.ready = "true";
      })
      .catch(function () {
        container.textContent = "Het procesdiagram kon niet worden geladen; de lijst met stappen hieronder is volledig.";
      });
  }
  document.querySelectorAll("[data-diagram-url]").forEach(draw);
}());

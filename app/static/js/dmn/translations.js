// Dutch for the texts of dmn-js's decision table editor that the procesontwerper sees most; a text not listed
// here stays as dmn-js wrote it. Placeholders in {braces} are filled in by dmn-js.
const NL = {
  'Add input': 'Invoer toevoegen',
  'Add output': 'Uitkomst toevoegen',
  'Add rule': 'Regel toevoegen',
  'And': 'En',
  'Annotations': 'Toelichting',
  'Decision name: ': 'Naam van de beslissing: ',
  'Expression language': 'Expressietaal',
  'Hit policy:': 'Beslisregel (hit policy):',
  'Input': 'Invoer',
  'Input expression: ': 'Invoerexpressie: ',
  'Input label: ': 'Naam van de invoer: ',
  'Input type': 'Soort invoer',
  'Output': 'Uitkomst',
  'Output label': 'Naam van de uitkomst',
  'Output name': 'Variabele van de uitkomst',
  'Output type': 'Soort uitkomst',
  'Remove cell description': 'Toelichting van de cel weghalen',
  'Remove input column': 'Invoerkolom weghalen',
  'Remove output column': 'Uitkomstkolom weghalen',
  'Remove rule': 'Regel weghalen',
  'Then': 'Dan',
  'Type': 'Soort',
  'Value': 'Waarde',
  'View DRD': 'Beslisdiagram (DRD) tonen',
  'When': 'Als',
  'Yes': 'Ja',
};

export default function translate(template, replacements = {}) {
  return (NL[template] || template).replace(/{([^}]+)}/g, (_, key) => replacements[key] || `{${key}}`);
}

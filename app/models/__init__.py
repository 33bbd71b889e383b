"""SQLAlchemy models, one module per aggregate; importing this package registers them all."""
from .afschrift import Afschrift
from .audit import AuditRecord
from .base import Base, utcnow
from .beoordeling import Beoordeling
from .bericht import Bericht, VerzoekReferentie
from .bezwaar import Bezwaar, BezwaarBijlage
from .bijlage import Bijlage
from .budget import Budget
from .rapportage_cijfers import RapportageCijfers
from .rapportage_samenvatting import (RapportageMaand, RapportagePersoon, RapportageSleutel, RapportageStand,
                                      RapportageVenster, RapportageVerdeling, RapportageWijziging)
from .catalog import Aanbieder, Product
from .contract import AanbiederGemeente, Contract, ContractProduct, ContractTarief, PlafondSignaal, aanbieder_product
from .declaratie import Betaalbatch, BetaalbatchRegel, Declaratie, Prestatie
from .document import Document
from .doorbraak import ZaakDoorbraak
from .dwangsom import Ingebrekestelling
from .gemeente import Gemeente, user_gemeente
from .herindicatie import Herindicatie
from .eigen_verhaal import GedeeldVerhaal, InwonerProfiel
from .formulier import ConceptFormulier, DefinitieFormulier, FormulierVersie
from .inbox import TaskDraft, TaskSignal
from .instelling import Instelling
from .klacht import Klacht, KlachtNotitie
from .machtiging import Machtiging
from .mail import OutboxMail
from .migratie import ProcessMigration, ProcessMigrationCase
from .ondertekening import AanvraagOndertekening
from .ontwerp import ProcessConcept, ProcessScenario
from .publicatie import PublicatieVerzoek
from .person import Person
from .portaal_bericht import PortaalBericht
from .process import HumanTask, MessageSubscription, ProcessDefinition, ProcessInstance
from .termijn_klok import Opschorting, Verdaging
from .toewijzing import Toewijzing
from .processing_log import ProcessingActivity, ProcessingRecord
from .sociale_kaart import (KaartDienst, KaartDienstCategorie, KaartDienstWijk, KaartLocatie, KaartOrganisatie,
                            KaartPublicatie)
from .retentie import Bewaartermijn, Vernietigingslijst, VernietigingslijstRegel
from .user import ROLES, STAFF_ROLES, ApiToken, LoginAttempt, User, UserWijk, WebSession
from .werkvoorraad_telling import WerkvoorraadTelling
from .zaak import Beschikking, Termijn, Zaak, ZaakEvent

__all__ = [
    "Base", "utcnow", "ProcessConcept", "ProcessScenario", "PublicatieVerzoek", "Aanbieder", "Product",
    "AanbiederGemeente", "Contract", "ContractProduct",
    "ContractTarief", "PlafondSignaal", "aanbieder_product", "Person", "HumanTask", "MessageSubscription",
    "ProcessDefinition", "ProcessInstance", "ProcessingActivity", "ProcessingRecord", "ROLES",
    "STAFF_ROLES", "ApiToken", "LoginAttempt", "User", "WebSession", "Beschikking", "Termijn", "Zaak", "ZaakEvent",
    "Document", "TaskDraft", "TaskSignal", "OutboxMail",
    "Betaalbatch", "BetaalbatchRegel", "Declaratie", "Prestatie",
    "PortaalBericht", "Bijlage", "GedeeldVerhaal", "InwonerProfiel", "Machtiging", "AanvraagOndertekening",
    "Bericht", "VerzoekReferentie", "Toewijzing", "Gemeente", "user_gemeente", "AuditRecord", "UserWijk", "ZaakDoorbraak", "Instelling",
    "Bewaartermijn", "Vernietigingslijst", "VernietigingslijstRegel",
    "Budget", "RapportageCijfers", "RapportageMaand", "RapportagePersoon", "RapportageSleutel", "RapportageStand", "RapportageVenster",
    "RapportageVerdeling", "RapportageWijziging", "Afschrift", "Beoordeling", "Herindicatie", "Klacht", "KlachtNotitie", "Opschorting", "Verdaging",
    "ProcessMigration", "ProcessMigrationCase", "Ingebrekestelling", "Bezwaar", "BezwaarBijlage",
    "ConceptFormulier", "DefinitieFormulier", "FormulierVersie", "WerkvoorraadTelling",
]

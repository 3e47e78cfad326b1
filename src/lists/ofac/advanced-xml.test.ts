import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { missingShared, sharedFile } from '../../config/paths.ts';
import { entityProblems, loadFtmModel } from '../../ftm/model.ts';
import { InputFormatError } from '../errors.ts';
import { chunkedBytes, collectParse } from '../testing.ts';
import type { ByteSource, ListRecord } from '../types.ts';
import { ofacAdvancedXmlImporter } from './advanced-xml.ts';

const MODEL_FILE = ['ftm', 'npm-alephdata-followthemoney-3.8.4_defaultModel.json'];
const XSD = ['lists', 'schemas', 'ofac_sdn_advanced.xsd'];

const bytes = (text: string, chunk = 61) => chunkedBytes(text, chunk);
const collect = (input: ByteSource, file = 'sdn_advanced.xml') =>
  collectParse(ofacAdvancedXmlImporter, input, { file });

const byRef = (records: ListRecord[], ref: string): ListRecord => {
  const r = records.find((x) => x.sourceRef === ref);
  assert.ok(r, `record ${ref}`);
  return r;
};

/**
 * A small ADVANCED_XML file written from ofac_sdn_advanced.xsd (every ReferenceValueSets list present and in
 * schema order, keys and key references consistent; it validates with xmllint against the XSD, see below):
 * a DPRK person with a passport, a Hangul name, a birth-year range and an address; a DPRK tanker with IMO and
 * MMSI owned by a shipping company; the company with its IMO company number; an associate.
 */
const FIXTURE = `<?xml version="1.0" encoding="utf-8"?>
<Sanctions xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML" Version="1">
  <DateOfIssue CalendarTypeID="1"><Year>2024</Year><Month>5</Month><Day>3</Day></DateOfIssue>
  <ReferenceValueSets>
    <AliasTypeValues>
      <AliasType ID="1400">A.K.A.</AliasType>
      <AliasType ID="1401">F.K.A.</AliasType>
      <AliasType ID="1402">N.K.A.</AliasType>
      <AliasType ID="1403">Name</AliasType>
    </AliasTypeValues>
    <AreaCodeValues/>
    <AreaCodeTypeValues/>
    <CalendarTypeValues><CalendarType ID="1">Gregorian</CalendarType></CalendarTypeValues>
    <CountryValues>
      <Country ID="11" ISO2="KP" ISO3="PRK">Korea, North</Country>
      <Country ID="12" ISO2="CN" ISO3="CHN">China</Country>
      <Country ID="13" ISO2="PA" ISO3="PAN">Panama</Country>
    </CountryValues>
    <CountryRelevanceValues><CountryRelevance ID="1">Primary</CountryRelevance></CountryRelevanceValues>
    <DecisionMakingBodyValues><DecisionMakingBody ID="1" OrganisationID="1">Secretary of the Treasury</DecisionMakingBody></DecisionMakingBodyValues>
    <DetailReferenceValues>
      <DetailReference ID="91526">Male</DetailReference>
      <DetailReference ID="91527">Female</DetailReference>
    </DetailReferenceValues>
    <DetailTypeValues>
      <DetailType ID="1430">LOOKUP</DetailType>
      <DetailType ID="1432">TEXT</DetailType>
    </DetailTypeValues>
    <DocNameStatusValues><DocNameStatus ID="1">Primary Latin</DocNameStatus></DocNameStatusValues>
    <EntryEventTypeValues><EntryEventType ID="1">Created</EntryEventType></EntryEventTypeValues>
    <EntryLinkTypeValues/>
    <ExRefTypeValues/>
    <FeatureTypeValues>
      <FeatureType ID="1" FeatureTypeGroupID="2">Vessel Call Sign</FeatureType>
      <FeatureType ID="2" FeatureTypeGroupID="2">Vessel Type</FeatureType>
      <FeatureType ID="3" FeatureTypeGroupID="2">Vessel Flag</FeatureType>
      <FeatureType ID="8" FeatureTypeGroupID="1">Birthdate</FeatureType>
      <FeatureType ID="9" FeatureTypeGroupID="1">Place of Birth</FeatureType>
      <FeatureType ID="10" FeatureTypeGroupID="1">Nationality Country</FeatureType>
      <FeatureType ID="25" FeatureTypeGroupID="1">Location</FeatureType>
      <FeatureType ID="224" FeatureTypeGroupID="1">Gender</FeatureType>
      <FeatureType ID="504" FeatureTypeGroupID="3">Secondary sanctions risk:</FeatureType>
    </FeatureTypeValues>
    <FeatureTypeGroupValues>
      <FeatureTypeGroup ID="1">Identity</FeatureTypeGroup>
      <FeatureTypeGroup ID="2">Vessel</FeatureTypeGroup>
      <FeatureTypeGroup ID="3">Sanctions Information</FeatureTypeGroup>
    </FeatureTypeGroupValues>
    <IDRegDocDateTypeValues>
      <IDRegDocDateType ID="1480">Issue Date</IDRegDocDateType>
      <IDRegDocDateType ID="1481">Expiration Date</IDRegDocDateType>
    </IDRegDocDateTypeValues>
    <IDRegDocTypeValues>
      <IDRegDocType ID="1570">Passport</IDRegDocType>
      <IDRegDocType ID="1572">Identification Number</IDRegDocType>
      <IDRegDocType ID="1626">Vessel Registration Identification</IDRegDocType>
      <IDRegDocType ID="1627">MMSI</IDRegDocType>
    </IDRegDocTypeValues>
    <IdentityFeatureLinkTypeValues><IdentityFeatureLinkType ID="1">Associated With</IdentityFeatureLinkType></IdentityFeatureLinkTypeValues>
    <LegalBasisValues>
      <LegalBasis ID="1" LegalBasisShortRef="EO13382" LegalBasisTypeID="1" SanctionsProgramID="1">Executive Order 13382 (WMD)</LegalBasis>
      <LegalBasis ID="2" LegalBasisShortRef="EO13810" LegalBasisTypeID="1" SanctionsProgramID="2">Executive Order 13810 (North Korea)</LegalBasis>
    </LegalBasisValues>
    <LegalBasisTypeValues><LegalBasisType ID="1">Executive Order</LegalBasisType></LegalBasisTypeValues>
    <ListValues><List ID="1550">SDN List</List></ListValues>
    <LocPartTypeValues>
      <LocPartType ID="1451">ADDRESS1</LocPartType>
      <LocPartType ID="1454">CITY</LocPartType>
      <LocPartType ID="1456">POSTAL CODE</LocPartType>
    </LocPartTypeValues>
    <LocPartValueStatusValues><LocPartValueStatus ID="1">Accepted</LocPartValueStatus></LocPartValueStatusValues>
    <LocPartValueTypeValues><LocPartValueType ID="1">Unknown</LocPartValueType></LocPartValueTypeValues>
    <NamePartTypeValues>
      <NamePartType ID="1520">Last Name</NamePartType>
      <NamePartType ID="1521">First Name</NamePartType>
      <NamePartType ID="1525">Entity Name</NamePartType>
      <NamePartType ID="1526">Vessel Name</NamePartType>
    </NamePartTypeValues>
    <OrganisationValues><Organisation ID="1">United States Department of the Treasury</Organisation></OrganisationValues>
    <PartySubTypeValues>
      <PartySubType ID="1" PartyTypeID="3">Vessel</PartySubType>
      <PartySubType ID="3" PartyTypeID="2">Unknown</PartySubType>
      <PartySubType ID="4" PartyTypeID="1">Unknown</PartySubType>
    </PartySubTypeValues>
    <PartyTypeValues>
      <PartyType ID="1">Individual</PartyType>
      <PartyType ID="2">Entity</PartyType>
      <PartyType ID="3">Transport</PartyType>
    </PartyTypeValues>
    <RelationQualityValues><RelationQuality ID="1">Unknown</RelationQuality></RelationQualityValues>
    <RelationTypeValues>
      <RelationType ID="1555" Symmetrical="true">Associate Of</RelationType>
      <RelationType ID="15003" Symmetrical="false">Owned or Controlled By</RelationType>
      <RelationType ID="1556" Symmetrical="false">Leader or official of</RelationType>
    </RelationTypeValues>
    <ReliabilityValues><Reliability ID="1">Reliable</Reliability></ReliabilityValues>
    <SanctionsProgramValues>
      <SanctionsProgram ID="1" SubsidiaryBodyID="1">NPWMD</SanctionsProgram>
      <SanctionsProgram ID="2" SubsidiaryBodyID="1">DPRK4</SanctionsProgram>
    </SanctionsProgramValues>
    <SanctionsTypeValues>
      <SanctionsType ID="1">Program</SanctionsType>
      <SanctionsType ID="2">Block</SanctionsType>
    </SanctionsTypeValues>
    <ScriptValues>
      <Script ID="215" ScriptCode="Latn">Latin</Script>
      <Script ID="220" ScriptCode="Hang">Hangul</Script>
    </ScriptValues>
    <ScriptStatusValues><ScriptStatus ID="1">Unknown</ScriptStatus></ScriptStatusValues>
    <SubsidiaryBodyValues><SubsidiaryBody ID="1" Notional="false" DecisionMakingBodyID="1">Office of Foreign Assets Control</SubsidiaryBody></SubsidiaryBodyValues>
    <SupInfoTypeValues/>
    <TargetTypeValues/>
    <ValidityValues>
      <Validity ID="1">Valid</Validity>
      <Validity ID="2">Fraudulent</Validity>
    </ValidityValues>
  </ReferenceValueSets>
  <Locations>
    <Location ID="100">
      <LocationCountry CountryID="11" CountryRelevanceID="1"/>
    </Location>
    <Location ID="101">
      <LocationCountry CountryID="11" CountryRelevanceID="1"/>
      <LocationPart LocPartTypeID="1451">
        <LocationPartValue Primary="true" LocPartValueTypeID="1" LocPartValueStatusID="1"><Value>Sungri Street</Value></LocationPartValue>
      </LocationPart>
      <LocationPart LocPartTypeID="1454">
        <LocationPartValue Primary="true" LocPartValueTypeID="1" LocPartValueStatusID="1"><Value>Pyongyang</Value></LocationPartValue>
      </LocationPart>
    </Location>
  </Locations>
  <IDRegDocuments>
    <IDRegDocument ID="200" IDRegDocTypeID="1570" IdentityID="3001" IssuedBy-CountryID="11" ValidityID="1">
      <IDRegistrationNo>745310010</IDRegistrationNo>
      <DocumentDate IDRegDocDateTypeID="1480">
        <DatePeriod CalendarTypeID="1" YearFixed="false" MonthFixed="false" DayFixed="false">
          <Start Approximate="false" YearFixed="false" MonthFixed="false" DayFixed="false">
            <From><Year>2015</Year><Month>6</Month><Day>2</Day></From>
            <To><Year>2015</Year><Month>6</Month><Day>2</Day></To>
          </Start>
          <End Approximate="false" YearFixed="false" MonthFixed="false" DayFixed="false">
            <From><Year>2015</Year><Month>6</Month><Day>2</Day></From>
            <To><Year>2015</Year><Month>6</Month><Day>2</Day></To>
          </End>
        </DatePeriod>
      </DocumentDate>
      <DocumentDate IDRegDocDateTypeID="1481">
        <DatePeriod CalendarTypeID="1" YearFixed="false" MonthFixed="false" DayFixed="false">
          <Start Approximate="false" YearFixed="false" MonthFixed="false" DayFixed="false">
            <From><Year>2020</Year><Month>6</Month><Day>1</Day></From>
          </Start>
        </DatePeriod>
      </DocumentDate>
    </IDRegDocument>
    <IDRegDocument ID="201" IDRegDocTypeID="1626" IdentityID="3002">
      <IDRegistrationNo>IMO 8660313</IDRegistrationNo>
    </IDRegDocument>
    <IDRegDocument ID="202" IDRegDocTypeID="1627" IdentityID="3002">
      <IDRegistrationNo>445113000</IDRegistrationNo>
    </IDRegDocument>
    <IDRegDocument ID="203" IDRegDocTypeID="1572" IdentityID="3003">
      <IDRegistrationNo>IMO 5342883</IDRegistrationNo>
    </IDRegDocument>
  </IDRegDocuments>
  <DistinctParties>
    <DistinctParty FixedRef="36001">
      <Profile ID="36001" PartySubTypeID="4">
        <Identity ID="3001" FixedRef="36001" Primary="true" False="false">
          <Alias FixedRef="36001" AliasTypeID="1403" Primary="true" LowQuality="false">
            <DocumentedName ID="5001" FixedRef="36001" DocNameStatusID="1">
              <DocumentedNamePart><NamePartValue NamePartGroupID="6001" ScriptID="215" ScriptStatusID="1" Acronym="false">PAK</NamePartValue></DocumentedNamePart>
              <DocumentedNamePart><NamePartValue NamePartGroupID="6002" ScriptID="215" ScriptStatusID="1" Acronym="false">Chol Su</NamePartValue></DocumentedNamePart>
            </DocumentedName>
            <DocumentedName ID="5002" FixedRef="36001" DocNameStatusID="1">
              <DocumentedNamePart><NamePartValue NamePartGroupID="6001" ScriptID="220" ScriptStatusID="1" Acronym="false">박</NamePartValue></DocumentedNamePart>
              <DocumentedNamePart><NamePartValue NamePartGroupID="6002" ScriptID="220" ScriptStatusID="1" Acronym="false">철수</NamePartValue></DocumentedNamePart>
            </DocumentedName>
          </Alias>
          <Alias FixedRef="36001" AliasTypeID="1400" Primary="false" LowQuality="false">
            <DocumentedName ID="5003" FixedRef="36001" DocNameStatusID="1">
              <DocumentedNamePart><NamePartValue NamePartGroupID="6001" ScriptID="215" ScriptStatusID="1" Acronym="false">PAK</NamePartValue></DocumentedNamePart>
              <DocumentedNamePart><NamePartValue NamePartGroupID="6002" ScriptID="215" ScriptStatusID="1" Acronym="false">Chol-su</NamePartValue></DocumentedNamePart>
            </DocumentedName>
          </Alias>
          <Alias FixedRef="36001" AliasTypeID="1400" Primary="false" LowQuality="true">
            <DocumentedName ID="5004" FixedRef="36001" DocNameStatusID="1">
              <DocumentedNamePart><NamePartValue NamePartGroupID="6002" ScriptID="215" ScriptStatusID="1" Acronym="false">COMRADE PAK</NamePartValue></DocumentedNamePart>
            </DocumentedName>
          </Alias>
          <NamePartGroups>
            <MasterNamePartGroup><NamePartGroup ID="6001" NamePartTypeID="1520"/></MasterNamePartGroup>
            <MasterNamePartGroup><NamePartGroup ID="6002" NamePartTypeID="1521"/></MasterNamePartGroup>
          </NamePartGroups>
        </Identity>
        <Feature ID="7001" FeatureTypeID="8">
          <FeatureVersion ID="7101" ReliabilityID="1">
            <DatePeriod CalendarTypeID="1" YearFixed="false" MonthFixed="false" DayFixed="false">
              <Start Approximate="false" YearFixed="false" MonthFixed="false" DayFixed="false">
                <From><Year>1961</Year><Month>1</Month><Day>18</Day></From>
                <To><Year>1961</Year><Month>1</Month><Day>18</Day></To>
              </Start>
              <End Approximate="false" YearFixed="false" MonthFixed="false" DayFixed="false">
                <From><Year>1961</Year><Month>1</Month><Day>18</Day></From>
                <To><Year>1961</Year><Month>1</Month><Day>18</Day></To>
              </End>
            </DatePeriod>
          </FeatureVersion>
          <IdentityReference IdentityID="3001" IdentityFeatureLinkTypeID="1"/>
        </Feature>
        <Feature ID="7002" FeatureTypeID="8">
          <FeatureVersion ID="7102" ReliabilityID="1">
            <DatePeriod CalendarTypeID="1" YearFixed="false" MonthFixed="false" DayFixed="false">
              <Start Approximate="false" YearFixed="false" MonthFixed="false" DayFixed="false">
                <From><Year>1955</Year><Month>1</Month><Day>1</Day></From>
                <To><Year>1955</Year><Month>1</Month><Day>1</Day></To>
              </Start>
              <End Approximate="false" YearFixed="false" MonthFixed="false" DayFixed="false">
                <From><Year>1957</Year><Month>12</Month><Day>31</Day></From>
                <To><Year>1957</Year><Month>12</Month><Day>31</Day></To>
              </End>
            </DatePeriod>
          </FeatureVersion>
          <IdentityReference IdentityID="3001" IdentityFeatureLinkTypeID="1"/>
        </Feature>
        <Feature ID="7003" FeatureTypeID="9">
          <FeatureVersion ID="7103" ReliabilityID="1">
            <VersionDetail DetailTypeID="1432">Pyongyang, Korea, North</VersionDetail>
          </FeatureVersion>
          <IdentityReference IdentityID="3001" IdentityFeatureLinkTypeID="1"/>
        </Feature>
        <Feature ID="7004" FeatureTypeID="10">
          <FeatureVersion ID="7104" ReliabilityID="1">
            <VersionLocation LocationID="100"/>
          </FeatureVersion>
          <IdentityReference IdentityID="3001" IdentityFeatureLinkTypeID="1"/>
        </Feature>
        <Feature ID="7005" FeatureTypeID="224">
          <FeatureVersion ID="7105" ReliabilityID="1">
            <VersionDetail DetailTypeID="1430" DetailReferenceID="91526"/>
          </FeatureVersion>
          <IdentityReference IdentityID="3001" IdentityFeatureLinkTypeID="1"/>
        </Feature>
        <Feature ID="7006" FeatureTypeID="25">
          <FeatureVersion ID="7106" ReliabilityID="1">
            <VersionLocation LocationID="101"/>
          </FeatureVersion>
          <IdentityReference IdentityID="3001" IdentityFeatureLinkTypeID="1"/>
        </Feature>
        <SanctionsEntryReference SanctionsEntryID="8001"/>
      </Profile>
    </DistinctParty>
    <DistinctParty FixedRef="36002">
      <Profile ID="36002" PartySubTypeID="1">
        <Identity ID="3002" FixedRef="36002" Primary="true" False="false">
          <Alias FixedRef="36002" AliasTypeID="1403" Primary="true" LowQuality="false">
            <DocumentedName ID="5011" FixedRef="36002" DocNameStatusID="1">
              <DocumentedNamePart><NamePartValue NamePartGroupID="6011" ScriptID="215" ScriptStatusID="1" Acronym="false">CHON MA SAN</NamePartValue></DocumentedNamePart>
            </DocumentedName>
          </Alias>
          <Alias FixedRef="36002" AliasTypeID="1401" Primary="false" LowQuality="false">
            <DocumentedName ID="5012" FixedRef="36002" DocNameStatusID="1">
              <DocumentedNamePart><NamePartValue NamePartGroupID="6011" ScriptID="215" ScriptStatusID="1" Acronym="false">XIN GUANG HAI</NamePartValue></DocumentedNamePart>
            </DocumentedName>
          </Alias>
          <NamePartGroups>
            <MasterNamePartGroup><NamePartGroup ID="6011" NamePartTypeID="1526"/></MasterNamePartGroup>
          </NamePartGroups>
        </Identity>
        <Feature ID="7011" FeatureTypeID="3">
          <FeatureVersion ID="7111" ReliabilityID="1">
            <VersionLocation LocationID="100"/>
          </FeatureVersion>
          <IdentityReference IdentityID="3002" IdentityFeatureLinkTypeID="1"/>
        </Feature>
        <Feature ID="7012" FeatureTypeID="2">
          <FeatureVersion ID="7112" ReliabilityID="1">
            <VersionDetail DetailTypeID="1432">Crude Oil Tanker</VersionDetail>
          </FeatureVersion>
          <IdentityReference IdentityID="3002" IdentityFeatureLinkTypeID="1"/>
        </Feature>
        <Feature ID="7013" FeatureTypeID="1">
          <FeatureVersion ID="7113" ReliabilityID="1">
            <VersionDetail DetailTypeID="1432">HMYW</VersionDetail>
          </FeatureVersion>
          <IdentityReference IdentityID="3002" IdentityFeatureLinkTypeID="1"/>
        </Feature>
        <SanctionsEntryReference SanctionsEntryID="8002"/>
      </Profile>
    </DistinctParty>
    <DistinctParty FixedRef="36003">
      <Profile ID="36003" PartySubTypeID="3">
        <Identity ID="3003" FixedRef="36003" Primary="true" False="false">
          <Alias FixedRef="36003" AliasTypeID="1403" Primary="true" LowQuality="false">
            <DocumentedName ID="5021" FixedRef="36003" DocNameStatusID="1">
              <DocumentedNamePart><NamePartValue NamePartGroupID="6021" ScriptID="215" ScriptStatusID="1" Acronym="false">KOREA ACHIM SHIPPING CO.</NamePartValue></DocumentedNamePart>
            </DocumentedName>
          </Alias>
          <NamePartGroups>
            <MasterNamePartGroup><NamePartGroup ID="6021" NamePartTypeID="1525"/></MasterNamePartGroup>
          </NamePartGroups>
        </Identity>
        <Feature ID="7021" FeatureTypeID="504">
          <FeatureVersion ID="7121" ReliabilityID="1">
            <VersionDetail DetailTypeID="1432">North Korea Sanctions Regulations, sections 510.201 and 510.210</VersionDetail>
          </FeatureVersion>
          <IdentityReference IdentityID="3003" IdentityFeatureLinkTypeID="1"/>
        </Feature>
        <Feature ID="7022" FeatureTypeID="25">
          <FeatureVersion ID="7122" ReliabilityID="1">
            <VersionLocation LocationID="101"/>
          </FeatureVersion>
          <IdentityReference IdentityID="3003" IdentityFeatureLinkTypeID="1"/>
        </Feature>
        <SanctionsEntryReference SanctionsEntryID="8003"/>
      </Profile>
    </DistinctParty>
    <DistinctParty FixedRef="36004">
      <Profile ID="36004" PartySubTypeID="4">
        <Identity ID="3004" FixedRef="36004" Primary="true" False="false">
          <Alias FixedRef="36004" AliasTypeID="1403" Primary="true" LowQuality="false">
            <DocumentedName ID="5031" FixedRef="36004" DocNameStatusID="1">
              <DocumentedNamePart><NamePartValue NamePartGroupID="6031" ScriptID="215" ScriptStatusID="1" Acronym="false">RI</NamePartValue></DocumentedNamePart>
              <DocumentedNamePart><NamePartValue NamePartGroupID="6032" ScriptID="215" ScriptStatusID="1" Acronym="false">Yong Chol</NamePartValue></DocumentedNamePart>
            </DocumentedName>
          </Alias>
          <NamePartGroups>
            <MasterNamePartGroup><NamePartGroup ID="6031" NamePartTypeID="1520"/></MasterNamePartGroup>
            <MasterNamePartGroup><NamePartGroup ID="6032" NamePartTypeID="1521"/></MasterNamePartGroup>
          </NamePartGroups>
        </Identity>
        <SanctionsEntryReference SanctionsEntryID="8004"/>
      </Profile>
    </DistinctParty>
  </DistinctParties>
  <ProfileRelationships>
    <ProfileRelationship ID="9001" From-ProfileID="36002" To-ProfileID="36003" RelationTypeID="15003" RelationQualityID="1" Former="false" SanctionsEntryID="8002"/>
    <ProfileRelationship ID="9002" From-ProfileID="36004" To-ProfileID="36001" RelationTypeID="1555" RelationQualityID="1" Former="true" SanctionsEntryID="8004"/>
    <ProfileRelationship ID="9003" From-ProfileID="36001" To-ProfileID="36003" RelationTypeID="1556" RelationQualityID="1" Former="false" SanctionsEntryID="8001"/>
  </ProfileRelationships>
  <SanctionsEntries>
    <SanctionsEntry ID="8001" ProfileID="36001" ListID="1550">
      <EntryEvent ID="8101" EntryEventTypeID="1" LegalBasisID="1">
        <Date CalendarTypeID="1"><Year>2017</Year><Month>9</Month><Day>26</Day></Date>
      </EntryEvent>
      <SanctionsMeasure ID="8201" SanctionsTypeID="1">
        <Comment>NPWMD</Comment>
        <DatePeriod CalendarTypeID="1" YearFixed="false" MonthFixed="false" DayFixed="false"/>
      </SanctionsMeasure>
      <SanctionsMeasure ID="8202" SanctionsTypeID="1">
        <Comment>DPRK4</Comment>
        <DatePeriod CalendarTypeID="1" YearFixed="false" MonthFixed="false" DayFixed="false"/>
      </SanctionsMeasure>
      <SanctionsMeasure ID="8203" SanctionsTypeID="2">
        <DatePeriod CalendarTypeID="1" YearFixed="false" MonthFixed="false" DayFixed="false"/>
      </SanctionsMeasure>
    </SanctionsEntry>
    <SanctionsEntry ID="8002" ProfileID="36002" ListID="1550">
      <EntryEvent ID="8102" EntryEventTypeID="1" LegalBasisID="2">
        <Date CalendarTypeID="1"><Year>2018</Year><Month>2</Month><Day>23</Day></Date>
      </EntryEvent>
      <SanctionsMeasure ID="8211" SanctionsTypeID="1">
        <Comment>DPRK4</Comment>
        <DatePeriod CalendarTypeID="1" YearFixed="false" MonthFixed="false" DayFixed="false"/>
      </SanctionsMeasure>
    </SanctionsEntry>
    <SanctionsEntry ID="8003" ProfileID="36003" ListID="1550">
      <EntryEvent ID="8103" EntryEventTypeID="1" LegalBasisID="2">
        <Date CalendarTypeID="1"><Year>2018</Year><Month>2</Month><Day>23</Day></Date>
      </EntryEvent>
      <SanctionsMeasure ID="8221" SanctionsTypeID="1">
        <Comment>DPRK4</Comment>
        <DatePeriod CalendarTypeID="1" YearFixed="false" MonthFixed="false" DayFixed="false"/>
      </SanctionsMeasure>
    </SanctionsEntry>
    <SanctionsEntry ID="8004" ProfileID="36004" ListID="1550">
      <EntryEvent ID="8104" EntryEventTypeID="1" LegalBasisID="1">
        <Date CalendarTypeID="1"><Year>2016</Year><Month>12</Month><Day>2</Day></Date>
      </EntryEvent>
      <SanctionsMeasure ID="8231" SanctionsTypeID="1">
        <Comment>NPWMD</Comment>
        <DatePeriod CalendarTypeID="1" YearFixed="false" MonthFixed="false" DayFixed="false"/>
      </SanctionsMeasure>
    </SanctionsEntry>
  </SanctionsEntries>
  <SanctionsEntryLinks/>
</Sanctions>
`;

const hasXmllint = spawnSync('xmllint', ['--version']).status === 0;

describe('ofacAdvancedXmlImporter', () => {
  test('the fixture validates against the OFAC XSD', {
    skip: missingShared(...XSD) || (!hasXmllint && 'xmllint not installed'),
  }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'ofac-adv-'));
    try {
      const file = join(dir, 'fixture.xml');
      writeFileSync(file, FIXTURE);
      const out = spawnSync('xmllint', ['--noout', '--schema', sharedFile(...XSD)!, file], {
        encoding: 'utf8',
      });
      assert.equal(out.status, 0, out.stderr);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('detect: the Sanctions root of ADVANCED_XML only', () => {
    assert.ok(ofacAdvancedXmlImporter.detect(FIXTURE.slice(0, 2000), 'sdn_advanced.xml'));
    assert.ok(!ofacAdvancedXmlImporter.detect('<?xml version="1.0"?><sdnList>', 'sdn.xml'));
    assert.ok(!ofacAdvancedXmlImporter.detect('<?xml version="1.0"?><CONSOLIDATED_LIST>', 'un.xml'));
  });

  test('parties, names, features, documents, sanctions and relations joined', async () => {
    const { meta, records } = await collect(bytes(FIXTURE));
    assert.deepEqual(meta, { source: 'ofac', format: 'ofac-advanced-xml', publishedAt: '2024-05-03' });
    assert.deepEqual(
      records.map((r) => [r.entity.id, r.entity.schema, r.regimes]),
      [
        ['ofac-36001', 'Person', ['ofac-NPWMD', 'ofac-DPRK4']],
        ['ofac-36002', 'Vessel', ['ofac-DPRK4']],
        ['ofac-36003', 'Company', ['ofac-DPRK4']],
        ['ofac-36004', 'Person', ['ofac-NPWMD']],
      ],
    );

    const pak = byRef(records, '36001');
    const p = pak.entity.properties;
    assert.deepEqual(p.name, ['PAK, Chol Su']);
    assert.deepEqual(p.lastName, ['PAK']);
    assert.deepEqual(p.firstName, ['Chol Su']);
    assert.deepEqual(p.alias, ['\ubc15\ucca0\uc218', 'PAK, Chol-su']);
    assert.deepEqual(p.weakAlias, ['COMRADE PAK']);
    assert.deepEqual(p.birthDate, ['1961-01-18', '1955', '1956', '1957']);
    assert.deepEqual(p.birthPlace, ['Pyongyang, Korea, North']);
    assert.deepEqual(p.nationality, ['kp']);
    assert.deepEqual(p.gender, ['male']);
    assert.deepEqual(p.passportNumber, ['745310010']);
    assert.deepEqual(p.address, ['Sungri Street, Pyongyang, Korea, North']);
    const passport = pak.adjuncts.find((a) => a.schema === 'Passport')!;
    assert.deepEqual(passport.properties, {
      holder: ['ofac-36001'],
      number: ['745310010'],
      type: ['Passport'],
      country: ['kp'],
      startDate: ['2015-06-02'],
      endDate: ['2020-06-01'],
    });
    const sanction = pak.adjuncts[0];
    assert.equal(sanction.id, 'ofac-36001-sanction');
    assert.deepEqual(sanction.properties.program, ['NPWMD', 'DPRK4']);
    assert.deepEqual(sanction.properties.programId, ['ofac-NPWMD', 'ofac-DPRK4']);
    assert.deepEqual(sanction.properties.listingDate, ['2017-09-26']);
    assert.deepEqual(sanction.properties.reason, ['Executive Order 13382 (WMD)']);
    assert.deepEqual(sanction.properties.provisions, ['Block']);
    assert.deepEqual(sanction.properties.summary, ['SDN List']);

    const ship = byRef(records, '36002');
    assert.deepEqual(ship.entity.properties.imoNumber, ['8660313']);
    assert.deepEqual(ship.entity.properties.mmsi, ['445113000']);
    assert.deepEqual(ship.entity.properties.flag, ['kp']);
    assert.deepEqual(ship.entity.properties.callSign, ['HMYW']);
    assert.deepEqual(ship.entity.properties.type, ['Crude Oil Tanker']);
    assert.deepEqual(ship.entity.properties.previousName, ['XIN GUANG HAI']);
    const ownership = ship.adjuncts.find((a) => a.schema === 'Ownership')!;
    assert.equal(ownership.id, 'ofac-36002-ownership-ofac-36003');
    assert.deepEqual(ownership.properties.owner, ['ofac-36003']);
    assert.deepEqual(ownership.properties.asset, ['ofac-36002']);

    const company = byRef(records, '36003');
    // An IMO company number sits on Organization.imoNumber (FtM's place for it); only Vessels are ships.
    assert.notEqual(company.entity.schema, 'Vessel');
    assert.deepEqual(company.entity.properties.imoNumber, ['5342883']);
    assert.deepEqual(company.adjuncts[0].properties.provisions, [
      'Secondary sanctions risk: North Korea Sanctions Regulations, sections 510.201 and 510.210',
    ]);

    const directorship = byRef(records, '36001').adjuncts.find((a) => a.schema === 'Directorship')!;
    assert.deepEqual(directorship.properties, {
      director: ['ofac-36001'],
      organization: ['ofac-36003'],
      role: ['Leader or official of'],
    });

    const associate = byRef(records, '36004').adjuncts.find((a) => a.schema === 'Associate')!;
    assert.deepEqual(associate.properties, {
      person: ['ofac-36004'],
      associate: ['ofac-36001'],
      relationship: ['Associate Of'],
      description: ['former'],
    });
  });

  test('documents that come after their parties are still joined', async () => {
    const start = FIXTURE.indexOf('<IDRegDocuments>');
    const end = FIXTURE.indexOf('</IDRegDocuments>') + '</IDRegDocuments>'.length;
    const docs = FIXTURE.slice(start, end);
    const moved = FIXTURE.replace(docs, '<IDRegDocuments/>').replace(
      '</DistinctParties>',
      `</DistinctParties>${docs}`,
    );
    const { records } = await collect(bytes(moved));
    assert.deepEqual(byRef(records, '36001').entity.properties.passportNumber, ['745310010']);
    assert.deepEqual(byRef(records, '36002').entity.properties.imoNumber, ['8660313']);
    assert.deepEqual(byRef(records, '36003').entity.properties.imoNumber, ['5342883']);
  });

  test('every emitted entity is valid FtM', { skip: missingShared(...MODEL_FILE) }, async () => {
    const model = loadFtmModel();
    const { records } = await collect(bytes(FIXTURE));
    assert.deepEqual(
      records.flatMap((r) => [r.entity, ...r.adjuncts].flatMap((e) => entityProblems(model, e))),
      [],
    );
  });

  const bad: Array<[string, string, RegExp]> = [
    [
      'a DOCTYPE',
      FIXTURE.replace('<Sanctions ', '<!DOCTYPE Sanctions [<!ENTITY a "b">]><Sanctions '),
      /DOCTYPE/,
    ],
    [
      'a truncated file',
      FIXTURE.slice(0, FIXTURE.indexOf('<DistinctParty FixedRef="36003">')),
      /truncated|ends inside/,
    ],
    ['a delta file', FIXTURE.replace('Version="1"', 'Version="2" DeltaBaseVersion="1"'), /delta/],
    ['a wrong root', '<?xml version="1.0"?><sdnList/>', /not <Sanctions>/],
    [
      'a party without FixedRef',
      FIXTURE.replace('<DistinctParty FixedRef="36004">', '<DistinctParty>'),
      /without FixedRef/,
    ],
    [
      'a repeated party',
      FIXTURE.replace('<DistinctParty FixedRef="36004">', '<DistinctParty FixedRef="36001">'),
      /appears twice/,
    ],
  ];
  for (const [what, xml, message] of bad) {
    test(`bad input: ${what} -> InputFormatError`, async () => {
      await assert.rejects(collect(bytes(xml), 'bad.xml'), (err: unknown) => {
        assert.ok(err instanceof InputFormatError, String(err));
        assert.equal(err.file, 'bad.xml');
        assert.match(err.message, message);
        return true;
      });
    });
  }

  test('a larger generated file streams with its records complete', async () => {
    // 2,000 copies of the company party: records are held until SanctionsEntries, then all emitted.
    const start = FIXTURE.indexOf('<DistinctParty FixedRef="36003">');
    const end = FIXTURE.indexOf('</DistinctParty>', start) + '</DistinctParty>'.length;
    const party = FIXTURE.slice(start, end);
    const entries: string[] = [];
    const parties: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const id = String(50000 + i);
      parties.push(
        party.replaceAll('36003', id).replace('SanctionsEntryID="8003"', `SanctionsEntryID="${id}"`),
      );
      entries.push(
        `<SanctionsEntry ID="${id}" ProfileID="${id}" ListID="1550"><EntryEvent ID="${id}" EntryEventTypeID="1"><Date CalendarTypeID="1"><Year>2020</Year><Month>1</Month><Day>2</Day></Date></EntryEvent><SanctionsMeasure ID="${id}" SanctionsTypeID="1"><Comment>DPRK3</Comment><DatePeriod CalendarTypeID="1" YearFixed="false" MonthFixed="false" DayFixed="false"/></SanctionsMeasure></SanctionsEntry>`,
      );
    }
    const big = FIXTURE.replace('</DistinctParties>', `${parties.join('\n')}</DistinctParties>`).replace(
      '</SanctionsEntries>',
      `${entries.join('\n')}</SanctionsEntries>`,
    );
    const { records } = await collect(bytes(big, 64 * 1024));
    assert.equal(records.length, 2004);
    const last = records.at(-1)!;
    assert.equal(last.entity.id, 'ofac-51999');
    assert.deepEqual(last.regimes, ['ofac-DPRK3']);
    assert.deepEqual(last.adjuncts[0].properties.listingDate, ['2020-01-02']);
  });
});
